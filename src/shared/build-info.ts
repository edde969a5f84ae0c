// Which build this is: "version+commit" from vite.config.ts (define __LS_BUILD__), or
// $LS_BUILD_ID when the build was asked for a name (the update e2e test builds "next").

declare const __LS_BUILD__: string | undefined;

export const BUILD_ID: string =
  typeof __LS_BUILD__ === 'string' ? __LS_BUILD__ : 'dev';
