/** The options page: VinylDigger's address, the import token, the Discogs site, the pace. */
import { loadSettings, saveSettings, validate, type CompanionSettings } from "./settings";

const form = document.getElementById("options") as HTMLFormElement;
const saved = document.getElementById("saved") as HTMLParagraphElement;
const fields = ["vinyldiggerUrl", "importToken", "discogsBaseUrl", "pageDelaySeconds"] as const;

function input(name: (typeof fields)[number]): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

function read(): CompanionSettings {
  return {
    vinyldiggerUrl: input("vinyldiggerUrl").value,
    importToken: input("importToken").value,
    discogsBaseUrl: input("discogsBaseUrl").value,
    pageDelaySeconds: Number(input("pageDelaySeconds").value),
  };
}

async function fill() {
  const settings = await loadSettings();
  for (const name of fields) input(name).value = String(settings[name]);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const { settings, errors } = validate(read());
  for (const name of fields) {
    const message = document.getElementById(`${name}-error`);
    if (message) message.textContent = errors[name] ?? "";
    input(name).setAttribute("aria-invalid", errors[name] ? "true" : "false");
  }
  if (Object.keys(errors).length > 0) {
    saved.textContent = "";
    return;
  }
  void saveSettings(settings).then(() => {
    saved.textContent = "Saved.";
  });
});

void fill();
