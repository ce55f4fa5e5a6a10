import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";

export type AdminUser = components["schemas"]["UserOut"];
export type AdminUserPage = components["schemas"]["Page_UserOut_"];
export type UserChange = components["schemas"]["UserChange"];
export type InstanceInfo = components["schemas"]["InstanceOut"];

export interface UserListQuery {
  q?: string | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

export function listUsers({ q, page = 1, perPage = 25 }: UserListQuery): Promise<AdminUserPage> {
  return unwrap(api.GET("/api/v1/admin/users", { params: { query: { ...(q ? { q } : {}), page, per_page: perPage } } }));
}

export function updateUser(userId: number, change: UserChange): Promise<AdminUser> {
  return unwrap(api.PATCH("/api/v1/admin/users/{user_id}", { params: { path: { user_id: userId } }, body: change }));
}

export function getInstance(): Promise<InstanceInfo> {
  return unwrap(api.GET("/api/v1/admin/instance"));
}
