import { useInstance } from "../../hooks/useAdmin";
import { instanceRows } from "./adminText";

/** How this instance is set up: version, services it uses, upstream limits and sign-in rules. */
export function InstancePanel() {
  const instance = useInstance();
  const data = instance.data;
  return (
    <section aria-labelledby="admin-instance-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="admin-instance-heading" className="text-lg font-semibold text-slate-900">
        Instance
      </h2>
      <p className="mt-1 text-sm text-slate-700">Set by the server's environment; changing them takes a restart.</p>
      {data === undefined ? (
        instance.isError ? (
          <p className="mt-3 text-sm text-slate-700">
            Could not load the instance's settings.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void instance.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <div aria-hidden="true" className="mt-3 flex flex-col gap-2">
            {[0, 1, 2, 3, 4].map((index) => (
              <div key={index} className="h-5 animate-pulse rounded bg-slate-200" />
            ))}
          </div>
        )
      ) : (
        <dl aria-label="Instance settings" className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          {instanceRows(data).map(({ label, value }) => (
            <div key={label} className="contents">
              <dt className="text-slate-700">{label}</dt>
              <dd className="mb-1 font-medium break-all text-slate-900 sm:mb-0">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
