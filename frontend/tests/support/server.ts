import { setupServer } from "msw/node";

/** One MSW server for the whole run; each test installs its handlers with server.use(). */
export const server = setupServer();
