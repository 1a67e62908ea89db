import type { InjectionKey, Ref } from "vue";
import type { AppInfo } from "./bindings";

export const APP_INFO: InjectionKey<Ref<AppInfo | null>> = Symbol("appInfo");
