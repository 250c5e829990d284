import { useMe, type Me } from "./api/get-me";

/** The signed-in person and tenant. Only for pages inside the authenticated layout, which loads it first. */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error("useSession used outside the authenticated layout");
  return data;
}
