// Limits.getCpuTime() counts the CPU time the transaction uses, not the time that passes. Cited:
// Apex Developer Guide, "Execution Governors and Limits": "Maximum CPU time on the Salesforce
// servers", "CPU time is calculated for all executions on the Salesforce application servers
// occurring in one Apex transaction", and waiting time for Apex callouts is not counted. A local org
// on a loaded machine (other processes on its cores) stretches elapsed time, not CPU time: a
// dispatcher run measuring its CPU must stop after the same work however busy the machine is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Limits } from '../../src/platform/limits/limits.ts';

/** Blocks this thread for `ms` without using CPU, as a process does while others hold the cores. */
function descheduled(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Works on the CPU until the process has used `ms` more of it. */
function spin(ms: number): void {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) break;
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + i);
  }
  assert.ok(x > 0);
}

test('time the process spends off the CPU is not CPU time of the transaction', () => {
  const limits = new Limits('queueable');
  descheduled(300);
  assert.ok(
    limits.get('CpuTime') < 100,
    `CPU time ${limits.get('CpuTime')} ms after 300 ms off the CPU`
  );
});

test('work on the CPU is, however long it takes on a busy machine', () => {
  const limits = new Limits('queueable');
  spin(200);
  assert.ok(
    limits.get('CpuTime') >= 150,
    `CPU time ${limits.get('CpuTime')} ms after 200 ms of work`
  );
});
