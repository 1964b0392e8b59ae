// Script bodies (scriptContent, detectionScriptContent, remediationScriptContent) are stored as Graph serves them:
// base64 of the script's bytes (Graph beta deviceManagementScript: "scriptContent — The script content", Edm.Binary).
// People read the script itself, so every surface that shows one decodes it here. Pure: atob and TextDecoder are
// standard in Node 20 and in browsers.

const scriptBodyLabels: Readonly<Record<string, string>> = Object.freeze({
  scriptContent: 'Script',
  detectionScriptContent: 'Detection script',
  remediationScriptContent: 'Remediation script',
});

/** "Script", "Detection script", … for a script body's property name, or null when the property is not one. */
export function scriptBodyLabel(property: string): string | null {
  return scriptBodyLabels[property] ?? null;
}

/** The script's text, or null when the value is not base64 of UTF-8 text (then it is shown as stored). */
export function scriptBodyText(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}
