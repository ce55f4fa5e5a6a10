import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Button } from "../../../components/Button";
import { SelectField } from "../../../components/SelectField";
import { TextField } from "../../../components/TextField";
import { reportSubmitError } from "../../../lib/forms";
import { queryKeys } from "../../../lib/queryClient";
import { toast } from "../../../lib/toast";
import { getPreferences, savePreferences, type AlertPreferences } from "../../../services/alerts";

interface PreferenceValues {
  time_zone: string;
  quiet_start_hour: string;
  quiet_end_hour: string;
  daily_digest_hour: string;
  hourly_cap: string;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, "0")}:00` }));
const OPTIONAL_HOURS = [{ value: "", label: "None" }, ...HOURS];

function values(preferences: AlertPreferences): PreferenceValues {
  return {
    time_zone: preferences.time_zone,
    quiet_start_hour: preferences.quiet_start_hour === null ? "" : String(preferences.quiet_start_hour),
    quiet_end_hour: preferences.quiet_end_hour === null ? "" : String(preferences.quiet_end_hour),
    daily_digest_hour: String(preferences.daily_digest_hour),
    hourly_cap: preferences.hourly_cap === null ? "" : String(preferences.hourly_cap),
  };
}

const hour = (value: string) => (value === "" ? null : Number(value));

function Form({ preferences }: { preferences: AlertPreferences }) {
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<PreferenceValues>({
    defaultValues: values(preferences),
  });

  async function submit(form: PreferenceValues) {
    try {
      const saved = await savePreferences({
        time_zone: form.time_zone,
        quiet_start_hour: hour(form.quiet_start_hour),
        quiet_end_hour: hour(form.quiet_end_hour),
        daily_digest_hour: Number(form.daily_digest_hour),
        hourly_cap: form.hourly_cap === "" ? null : Number(form.hourly_cap),
      });
      queryClient.setQueryData(queryKeys.alertPreferences, saved);
      toast.success("Alert timing saved.");
    } catch (error) {
      reportSubmitError(error, setError, ["time_zone", "quiet_start_hour", "quiet_end_hour", "daily_digest_hour", "hourly_cap"]);
    }
  }

  return (
    <form aria-label="Alert timing" className="grid gap-4 sm:grid-cols-3" onSubmit={(event) => void handleSubmit(submit)(event)} noValidate>
      <TextField label="Time zone" description="e.g. Europe/Berlin" error={errors.time_zone?.message} {...register("time_zone")} />
      <SelectField label="Quiet from" options={OPTIONAL_HOURS} error={errors.quiet_start_hour?.message} {...register("quiet_start_hour")} />
      <SelectField label="Quiet until" options={OPTIONAL_HOURS} error={errors.quiet_end_hour?.message} {...register("quiet_end_hour")} />
      <SelectField label="Daily digest at" options={HOURS} {...register("daily_digest_hour")} />
      <TextField
        label="At most per hour and channel"
        inputMode="numeric"
        description={`Empty: ${String(preferences.instance_hourly_cap)}. The rest waits for the next hourly digest.`}
        error={errors.hourly_cap?.message}
        {...register("hourly_cap")}
      />
      <div className="sm:col-span-3">
        <Button type="submit" busy={isSubmitting}>Save timing</Button>
      </div>
    </form>
  );
}

/** Quiet hours and the daily digest in the user's own time zone, and the hourly cap. */
export function PreferencesForm() {
  const preferences = useQuery({ queryKey: queryKeys.alertPreferences, queryFn: getPreferences });
  return (
    <section aria-labelledby="alert-timing-heading" className="flex flex-col gap-4">
      <h3 id="alert-timing-heading" className="text-base font-semibold text-slate-900">Timing</h3>
      {preferences.data && <Form preferences={preferences.data} />}
    </section>
  );
}
