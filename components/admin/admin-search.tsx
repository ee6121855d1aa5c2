// The top-bar search: a plain GET form to the payments search (email, order id, pi_/ch_ id).
export function AdminSearch({ defaultValue }: { defaultValue?: string }) {
  return (
    <form action="/admin/payments" method="get" role="search" className="w-full max-w-md">
      <label htmlFor="admin-search" className="sr-only">
        Search payments
      </label>
      <input
        id="admin-search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="Search by email, order id, pi_… or ch_…"
        className="block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:border-accent-600 focus:outline-2 focus:outline-accent-600/30"
      />
    </form>
  );
}
