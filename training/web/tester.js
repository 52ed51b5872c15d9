// The DS2 tester panel: the jobs of `bcmhil diag`, run by the session on the student's own module
// through the same tester and server code; it prints the lines `bcmhil diag` prints and the exit code.

const JOBS = [
  ['ident', 'Identification'],
  ['faults', 'Read fault memory'],
  ['clear-faults', 'Clear fault memory'],
  ['info', 'Info memory'],
  ['inputs', 'Status of inputs'],
  ['outputs', 'Status of outputs'],
  ['analog', 'Analog values'],
  ['rf', 'Remote control (RF) status'],
  ['tilt', 'Tilt sensor'],
  ['force', 'Force an output (OUTPUT on|off)'],
  ['clear-rf', 'Clear RF status'],
];

export class TesterPanel {
  constructor(session, onRan) {
    this.session = session;
    this.onRan = onRan;
    this.output = document.getElementById('ds2-output');
    const select = document.getElementById('ds2-job');
    for (const [job, words] of JOBS) {
      const option = document.createElement('option');
      option.value = job;
      option.textContent = `${words} (${job})`;
      select.appendChild(option);
    }
    document.getElementById('tester-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const args = document.getElementById('ds2-args').value.trim();
      this.run(select.value, args ? args.split(/\s+/) : []);
    });
  }

  async run(job, args) {
    const command = `> ${job}${args.length ? ' ' + args.join(' ') : ''}\n`;
    try {
      const answer = await this.session.request('ds2', { job, args });
      const code = answer.exit_code;
      this.print(`${command}${answer.lines.join('\n')}${code ? `\n(exit ${code})` : ''}\n`);
      if (this.onRan) this.onRan();
    } catch (e) {
      this.print(`${command}${e.message}\n`);
    }
  }

  print(text) {
    this.output.textContent = text + this.output.textContent;
  }
}
