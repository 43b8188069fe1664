// Bolt custom routes on a bare loopback HTTP server, matched the way Bolt's receivers match them
// (path-to-regexp), for integration tests of pages without starting the whole bot.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CustomRoute } from "@slack/bolt";
import { match } from "path-to-regexp";

export interface RoutesServer {
  url: string;
  close(): Promise<void>;
}

export async function serveRoutes(routes: CustomRoute[]): Promise<RoutesServer> {
  const matchers = routes.map((route) => ({
    route,
    match: match(route.path, { decode: decodeURIComponent }),
  }));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    for (const { route, match: matches } of matchers) {
      const found = matches(path);
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (found && methods.includes(req.method ?? "GET")) {
        // Bolt hands handlers the matched parameters the same way.
        route.handler(Object.assign(req, { params: found.params as Record<string, string> }), res);
        return;
      }
    }
    res.writeHead(404).end("no route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
