import { createServer } from "node:net";

/**
 * A free 127.0.0.1 port: bound, then released. Until someone binds it again nothing listens
 * there, so it also serves as a port that refuses connections.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
