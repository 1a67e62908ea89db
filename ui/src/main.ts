import { createApp } from "vue";
import ElementPlus from "element-plus";
import "element-plus/dist/index.css";
import "./styles/shell.css";
import App from "./App.vue";
import { makeI18n } from "./i18n";
import { makeRouter } from "./router";

createApp(App).use(ElementPlus).use(makeI18n()).use(makeRouter()).mount("#app");
