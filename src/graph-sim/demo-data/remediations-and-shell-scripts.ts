// Remediations (deviceManagement/deviceHealthScripts: a detection and a remediation script) and macOS shell scripts
// (deviceManagement/deviceShellScripts). Bodies are base64, as Graph stores them; Graph serves them only on a GET of one
// script (graph-catalog.ts `lazy`).
import { base64, intuneEntity, type DemoContext } from './entity-basics';
import type { DemoEntitySpec } from './demo-entity-spec';

const remediation = (detection: string, remediationScript: string, options: { global?: boolean; publisher?: string } = {}) =>
  (context: DemoContext, name: string) =>
    intuneEntity(context, '#microsoft.graph.deviceHealthScript', name, {
      publisher: options.publisher ?? 'IT Operations',
      version: options.global ? '1.2' : '1.0',
      runAsAccount: 'system',
      enforceSignatureCheck: false,
      runAs32Bit: false,
      isGlobalScript: options.global === true,
      highestAvailableVersion: options.global ? '1.2' : null,
      deviceHealthScriptType: 'deviceHealthScript',
      detectionScriptParameters: [],
      remediationScriptParameters: [],
      detectionScriptContent: base64(detection),
      remediationScriptContent: base64(remediationScript),
    });

export const deviceHealthScriptSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Remediation - D - Clear Stale Temp Files - v1.0', always: true,
    build: remediation(
      '$old = Get-ChildItem "$env:windir\\Temp" -Recurse -ErrorAction SilentlyContinue | Where-Object LastWriteTime -lt (Get-Date).AddDays(-30)\nif ($old) { Write-Output "Stale files: $($old.Count)"; exit 1 } else { exit 0 }',
      'Get-ChildItem "$env:windir\\Temp" -Recurse -ErrorAction SilentlyContinue | Where-Object LastWriteTime -lt (Get-Date).AddDays(-30) | Remove-Item -Force -Recurse -ErrorAction SilentlyContinue',
    ),
  },
  {
    name: 'Windows - Remediation - D - Restart Stopped Print Spooler - v1.0',
    build: remediation(
      'if ((Get-Service -Name Spooler).Status -ne "Running") { exit 1 } else { exit 0 }',
      'Start-Service -Name Spooler',
    ),
  },
  // A script Microsoft publishes (isGlobalScript): its highestAvailableVersion is set by Microsoft, not the tenant.
  {
    name: 'Restart Office Click-to-run service',
    build: remediation(
      '$svc = Get-Service -Name ClickToRunSvc -ErrorAction SilentlyContinue\nif ($svc.Status -ne "Running") { exit 1 }',
      'Restart-Service -Name ClickToRunSvc -Force',
      { global: true, publisher: 'Microsoft' },
    ),
  },
];

const shellScript = (fileName: string, content: string, frequency: string) =>
  (context: DemoContext, name: string) =>
    intuneEntity(context, '#microsoft.graph.deviceShellScript', name, {
      runAsAccount: 'system',
      fileName,
      executionFrequency: frequency,
      retryCount: context.rng.pick([1, 3]),
      blockExecutionNotifications: true,
      scriptContent: base64(content),
    });

export const deviceShellScriptSpecs: DemoEntitySpec[] = [
  {
    name: 'MacOS - Shell Script - D - Set Computer Name - v1.0', always: true,
    build: shellScript('SetComputerName.sh',
      '#!/bin/zsh\nserial=$(ioreg -l | awk -F\'"\' \'/IOPlatformSerialNumber/ {print $4}\')\nscutil --set ComputerName "MAC-${serial}"\nscutil --set LocalHostName "MAC-${serial}"',
      'PT0S'),
  },
  {
    name: 'MacOS - Shell Script - D - Install Rosetta 2 - v1.0',
    build: shellScript('InstallRosetta.sh',
      '#!/bin/zsh\nif [[ $(uname -m) == "arm64" ]]; then\n  /usr/sbin/softwareupdate --install-rosetta --agree-to-license\nfi',
      'P1D'),
  },
];
