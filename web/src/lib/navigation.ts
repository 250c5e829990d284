// Lets code outside React (the query client's error policy) navigate with the
// router once it exists, without importing it (which would be circular).
type Navigate = (to: string, opts?: { replace?: boolean }) => void | Promise<void>;

let navigateImpl: Navigate = (to) => {
  window.location.assign(to);
};

export function setNavigate(fn: Navigate): void {
  navigateImpl = fn;
}

export function navigate(to: string, opts?: { replace?: boolean }): Promise<void> {
  return Promise.resolve(navigateImpl(to, opts));
}
