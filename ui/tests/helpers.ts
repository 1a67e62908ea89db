import { mount } from "@vue/test-utils";
import { ref, type Component } from "vue";
import ElementPlus from "element-plus";
import { createMemoryHistory, createRouter } from "vue-router";
import { mockIPC } from "@tauri-apps/api/mocks";
import { makeI18n } from "../src/i18n";
import { routes } from "../src/router";
import { APP_INFO } from "../src/appInfo";

export type Handler = (cmd: string, args: Record<string, unknown>) => unknown;
export type Call = [string, Record<string, unknown>];

/** Mounts a screen with Element Plus, zh-CN, a memory router and the IPC answered by `handler`;
 * `appInfo` overrides what the shell tells the UI (e.g. `{ syncMode: "county" }` for the hub);
 * `path` is where the router stands (a list opened from 首页 carries its figure's query). */
export async function mountScreen(
  component: Component,
  handler: Handler,
  props: Record<string, unknown> = {},
  appInfo: Record<string, unknown> = {},
  path = "/places",
) {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    return handler(cmd, payload);
  });
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path).catch(() => {});
  const info = ref({
    appVersion: "0.1.0",
    dbPath: "/tmp/x.db",
    schemaVersion: 4,
    county: { id: "c", code: "621221", name: "成县" },
    officer: "王芳",
    startupError: null,
    ...appInfo,
  });
  const wrapper = mount(component, {
    props,
    global: { plugins: [ElementPlus, makeI18n("zh-CN"), router], provide: { [APP_INFO as symbol]: info } },
    attachTo: document.body,
  });
  return { wrapper, calls, router };
}

/** Types into an input the way a user does: value, then the `input` event Vue listens to. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

export function $(selector: string, root: ParentNode = document.body): HTMLElement {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
}

/** The input of a form item, or the element itself when an `el-input` put the test id on it. */
export function input(selector: string, root: ParentNode = document.body): HTMLInputElement {
  const el = $(selector, root);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el as HTMLInputElement;
  return $("input, textarea", el) as HTMLInputElement;
}

export function commandCalls(calls: Call[], cmd: string) {
  return calls.filter(([c]) => c === cmd).map(([, args]) => args);
}
