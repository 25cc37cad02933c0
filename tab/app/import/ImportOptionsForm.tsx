import { Checkbox, Dropdown, Field, Option, Radio, RadioGroup } from "@fluentui/react-components";
import type { ImportMode } from "../api/types.js";

/** What the admin chooses before the file is checked. */
export interface ImportChoices {
  mode: ImportMode;
  keepSeeds: boolean;
  /** Empty means "detect per row". */
  secretEncoding: "" | "base32" | "hex";
}

const encodingLabels: Record<ImportChoices["secretEncoding"], string> = {
  "": "Detect (Base32 or hex)",
  base32: "Base32",
  hex: "Hex",
};

/** Mode, seed retention and secret encoding of an import. */
export function ImportOptionsForm({ choices, onChange }: { choices: ImportChoices; onChange: (choices: ImportChoices) => void }) {
  return (
    <div style={{ display: "flex", gap: 24, flexWrap: "wrap" }}>
      <Field label="What to do with each row">
        <RadioGroup value={choices.mode} onChange={(_event, data) => onChange({ ...choices, mode: data.value as ImportMode })}>
          <Radio value="import" label="Import only (register the tokens)" />
          <Radio value="assign" label="Import and assign to the users in the file" />
          <Radio value="activate" label="Import, assign and activate" />
        </RadioGroup>
      </Field>
      <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
        <Field label="Secret encoding in the file">
          <Dropdown
            value={encodingLabels[choices.secretEncoding]}
            selectedOptions={[choices.secretEncoding]}
            onOptionSelect={(_event, data) => onChange({ ...choices, secretEncoding: (data.optionValue ?? "") as ImportChoices["secretEncoding"] })}
          >
            {Object.entries(encodingLabels).map(([value, label]) => (
              <Option key={value} value={value}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Checkbox
          checked={choices.keepSeeds}
          onChange={(_event, data) => onChange({ ...choices, keepSeeds: data.checked === true })}
          label="Keep the encrypted seeds after activation (allows generating codes later)"
        />
      </div>
    </div>
  );
}
