/** Where the local runtime reports what it does. `startLocalPlatform` takes one; tests pass `silentLogger`. */
export interface LocalLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** Logs to the console; debug lines only when `INOVDA_DEBUG=1`. */
export const consoleLogger: LocalLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
  debug: (message) => {
    if (process.env.INOVDA_DEBUG === '1') console.log(message);
  },
};

/** Drops everything (tests). */
export const silentLogger: LocalLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
};
