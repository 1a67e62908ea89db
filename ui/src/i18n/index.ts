import { createI18n } from "vue-i18n";
import zhCN from "./zh-CN";
import en from "./en";

export type Locale = "zh-CN" | "en";
export const LOCALE_KEY = "fieldbook.locale";

function savedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  return saved === "en" ? "en" : "zh-CN";
}

export function makeI18n(locale: Locale = savedLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: "zh-CN",
    messages: { "zh-CN": zhCN, en },
  });
}
