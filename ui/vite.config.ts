import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [vue()],
  // Tauri serves the build from its own protocol; relative asset paths keep it portable.
  base: "./",
  clearScreen: false,
  build: {
    // WebKitGTK 2.40+ (Debian 12) understands ES2021.
    target: "es2021",
    chunkSizeWarningLimit: 2048,
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.spec.ts"],
    setupFiles: ["tests/setup.ts"],
  },
});
