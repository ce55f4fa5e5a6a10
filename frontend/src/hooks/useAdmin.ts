import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { getInstance, listUsers, updateUser, type AdminUser, type AdminUserPage, type UserChange, type UserListQuery } from "../services/admin";
import type { User } from "../services/auth";

const adminKeys = {
  users: ["admin", "users"] as const,
  userList: (params: object) => ["admin", "users", params] as const,
  instance: ["admin", "instance"] as const,
};

export function useAdminUsers(query: UserListQuery) {
  return useQuery({
    queryKey: adminKeys.userList(query),
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData,
  });
}

export function useInstance() {
  return useQuery({ queryKey: adminKeys.instance, queryFn: getInstance });
}

export interface UserChangeVariables {
  user: AdminUser;
  change: UserChange;
}

/** Changes an account; every page showing it (and the signed-in user, if it is them) follows. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, change }: UserChangeVariables) => updateUser(user.id, change),
    onSuccess: (updated) => {
      queryClient.setQueriesData<AdminUserPage>({ queryKey: adminKeys.users }, (page) =>
        page && { ...page, items: page.items.map((item) => (item.id === updated.id ? updated : item)) },
      );
      queryClient.setQueryData<User>(queryKeys.me, (me) => (me?.id === updated.id ? updated : me));
      return queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}
