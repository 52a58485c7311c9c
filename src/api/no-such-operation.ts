import { AppMeshError } from "../shared/errors";
import { API_PREFIX } from "./api-prefix";

/**
 * The one 404 of the admin origin: a path no route serves. Under the App Mesh prefix it names the
 * API ("No App Mesh operation matches"), elsewhere (the delivery API, the dashboard, anything
 * else) it is "No such operation"; both name the method and path and nothing else.
 */
export function noSuchOperation(method: string, url: string): AppMeshError {
  const path = new URL(url).pathname;
  const appMesh = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
  return new AppMeshError(
    "NotFoundException",
    appMesh ? `No App Mesh operation matches ${method} ${path}` : `No such operation: ${method} ${path}`,
  );
}
