import { useFormContext, useWatch } from "react-hook-form";
import { CheckboxField } from "../../components/CheckboxField";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { TextField } from "../../components/TextField";
import { FORMATS, type SearchFormValues } from "./searchForm";
import { FormSection } from "./FormSection";

/** Name, keywords or the want list, pressings and formats. */
export function WhatSection({ extraFormats }: { extraFormats: readonly string[] }) {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<SearchFormValues>();
  const wantList = useWatch({ control, name: "criteria.want_list" });
  const formatOptions = [...FORMATS, ...extraFormats.filter((format) => !FORMATS.includes(format))].map((format) => ({
    value: format,
    label: format,
  }));

  return (
    <FormSection title="What to look for">
      <TextField label="Name" autoComplete="off" error={errors.name?.message} {...register("name")} />
      <TextField
        label="Keywords"
        autoComplete="off"
        description="Artist, title, label or catalogue number, as you would type them on Discogs or eBay."
        error={errors.criteria?.keywords?.message}
        {...register("criteria.keywords")}
      />
      <CheckboxField
        label="Every record on my want list"
        description="Looks for each release you want on Discogs; keywords then narrow it down."
        {...register("criteria.want_list")}
      />
      <CheckboxField
        label="Also other pressings of a wanted record"
        description="Any pressing is fine, unless a want on your want list says otherwise: a listing that does not say which pressing it is counts as wanted, and other pressings are shown too."
        disabled={!wantList}
        {...register("criteria.any_pressing")}
      />
      <CheckboxGroup
        legend="Formats"
        description="Leave all unticked for any format."
        options={formatOptions}
        columns={3}
        error={errors.criteria?.formats?.message}
        registration={register("criteria.formats")}
      />
    </FormSection>
  );
}
