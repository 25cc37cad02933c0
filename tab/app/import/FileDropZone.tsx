import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from "react";

const useStyles = makeStyles({
  zone: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: "32px",
    textAlign: "center",
    cursor: "pointer",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  active: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
});

/** Props of {@link FileDropZone}. */
export interface FileDropZoneProps {
  file?: File;
  onFile: (file: File) => void;
}

/** Takes a seed file by drag and drop, or by the file picker (click, Enter or Space). */
export function FileDropZone({ file, onFile }: FileDropZoneProps) {
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    inputRef.current?.click();
  };

  return (
    <div
      role="button"
      tabIndex={0}
      aria-describedby={hintId}
      aria-label="Choose a seed file"
      className={mergeClasses(styles.zone, dragging && styles.active)}
      onClick={() => inputRef.current?.click()}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Text weight="semibold" block>
        {file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : "Drop the vendor's seed file here, or select to browse"}
      </Text>
      <Text id={hintId} size={200}>
        CSV or JSON, up to 5 MB.
      </Text>
      <input
        ref={inputRef}
        type="file"
        accept=".csv,.json,.txt,text/csv,application/json"
        aria-label="Seed file"
        hidden
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) onFile(chosen);
          event.target.value = "";
        }}
      />
    </div>
  );
}
