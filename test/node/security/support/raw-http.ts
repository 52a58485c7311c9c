import { connect } from "node:net";

/**
 * Writes raw bytes to the Worker's port and returns everything it answers until the
 * connection closes or `ms` pass: for requests no HTTP client would send (smuggling,
 * absolute-form targets, unnormalized paths).
 */
export function rawHttp(base: string, raw: string, ms = 3000): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(url.port), url.hostname, () => socket.write(raw));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString("latin1"));
    };
    const timer = setTimeout(finish, ms);
    socket.on("data", (c: Buffer) => {
      chunks.push(c);
      if (complete(Buffer.concat(chunks).toString("latin1"))) finish();
    });
    socket.on("close", finish);
    socket.on("error", finish);
  });
}

/** True once the answer holds a whole response framed by Content-Length (servers may keep the socket open). */
function complete(text: string): boolean {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const m = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
  return m !== null && text.length - end - 4 >= Number(m[1]);
}

/** Status codes of every response in a raw answer (several when the connection was reused). */
export function statuses(answer: string): number[] {
  return [...answer.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
}
