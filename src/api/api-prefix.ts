/** The management API's path prefix (the model's API version). */
export const API_PREFIX = "/v20190125";
