import { defineConfig } from 'vite';

// Built by the project's CMake build into <build>/web (dashboard/CMakeLists.txt),
// which secap-syncserver serves at /. No CDN: every file is bundled.
export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.SECAP_DASHBOARD_OUT || 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 400,
  },
});
