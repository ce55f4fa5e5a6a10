import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";
import { useSaveCredentials } from "../../hooks/useCredentials";
import { reportSubmitError } from "../../lib/forms";
import { toast } from "../../lib/toast";

/** eBay sites the Browse API serves; the site decides the listings and currency searched. */
const EBAY_MARKETPLACES = [
  { value: "EBAY_US", label: "United States (ebay.com)" },
  { value: "EBAY_GB", label: "United Kingdom (ebay.co.uk)" },
  { value: "EBAY_DE", label: "Germany (ebay.de)" },
  { value: "EBAY_FR", label: "France (ebay.fr)" },
  { value: "EBAY_IT", label: "Italy (ebay.it)" },
  { value: "EBAY_ES", label: "Spain (ebay.es)" },
  { value: "EBAY_NL", label: "Netherlands (ebay.nl)" },
  { value: "EBAY_BE", label: "Belgium (ebay.be)" },
  { value: "EBAY_AT", label: "Austria (ebay.at)" },
  { value: "EBAY_CH", label: "Switzerland (ebay.ch)" },
  { value: "EBAY_IE", label: "Ireland (ebay.ie)" },
  { value: "EBAY_PL", label: "Poland (ebay.pl)" },
  { value: "EBAY_CA", label: "Canada (ebay.ca)" },
  { value: "EBAY_AU", label: "Australia (ebay.com.au)" },
] as const;

const ebaySchema = z.object({
  client_id: z.string().trim().min(1, "Enter the client ID (App ID)."),
  client_secret: z.string().trim().min(1, "Enter the client secret (Cert ID)."),
  marketplace_id: z.string().min(1),
  buyer_country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "Use the two-letter country code, e.g. DE.")
    .transform((code) => code.toUpperCase()),
  buyer_postal_code: z
    .string()
    .trim()
    .min(1, "Enter the postal code shipping should be quoted to.")
    .max(16, "Use at most 16 characters.")
    .regex(/^[A-Za-z0-9 -]+$/, "Use letters, digits, spaces and hyphens only."),
});

type EbayFormInput = z.input<typeof ebaySchema>;
type EbayValues = z.output<typeof ebaySchema>;

const FIELDS = ["client_id", "client_secret", "marketplace_id", "buyer_country", "buyer_postal_code"] as const;

export function EbayCredentialsForm({ onDone }: { onDone: () => void }) {
  const save = useSaveCredentials("ebay");
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EbayFormInput, unknown, EbayValues>({
    resolver: zodResolver(ebaySchema),
    defaultValues: { client_id: "", client_secret: "", marketplace_id: "EBAY_US", buyer_country: "", buyer_postal_code: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      toast.success("eBay credentials saved.");
      onDone();
    } catch (error) {
      reportSubmitError(error, setError, FIELDS);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="eBay credentials" className="mt-4 flex flex-col gap-4">
      <p className="text-sm text-slate-700">
        Use the production keyset of an application on the eBay developer program. Secrets are stored encrypted and never
        shown again.
      </p>
      <TextField label="Client ID (App ID)" autoComplete="off" autoFocus error={errors.client_id?.message} {...register("client_id")} />
      <TextField
        label="Client secret (Cert ID)"
        type="password"
        autoComplete="off"
        error={errors.client_secret?.message}
        {...register("client_secret")}
      />
      <SelectField label="eBay site" options={EBAY_MARKETPLACES} error={errors.marketplace_id?.message} {...register("marketplace_id")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Ship-to country"
          autoComplete="country"
          maxLength={2}
          description="Two letters, e.g. DE."
          error={errors.buyer_country?.message}
          {...register("buyer_country")}
        />
        <TextField
          label="Ship-to postal code"
          autoComplete="postal-code"
          description="Shipping is quoted to this address."
          error={errors.buyer_postal_code?.message}
          {...register("buyer_postal_code")}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          Save eBay credentials
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
