// The picture of one test: its stages left to right, each box as wide as its share of the time (with a minimum
// so a 0.2 ms stage is still readable), green when it passed, red with the message when it failed, grey when
// the test never reached it, pulsing while it runs.
import { h, millis } from './dom.js';

export const STAGES = ['RESOLVE', 'CONNECT', 'TLS', 'HANDSHAKE', 'AUTHENTICATE', 'AUTHORIZE'];

/**
 * @param test {Stages:[{Stage, Millis}], FailedStage?, Message?, Outcome?} as the history and progress give it
 * @param running the stage under way, for a live test (with its elapsed ms)
 */
export function timeline(test, running) {
  const timings = new Map((test.Stages || []).map((s) => [s.Stage, Number(s.Millis)]));
  const total = Array.from(timings.values()).reduce((a, b) => a + b, 0) + (running ? running.millis : 0);
  const failed = test.FailedStage || null;
  const ended = !running;
  // The furthest stage the test got to: a stage before it that has no timing was not needed (no TLS asked for).
  const reached = Math.max(STAGES.indexOf(failed), STAGES.indexOf(running ? running.stage : null),
    ...Array.from(timings.keys()).map((stage) => STAGES.indexOf(stage)));
  const items = STAGES.map((stage, index) => {
    let state;
    let label;
    let ms = null;
    if (running && running.stage === stage) {
      state = 'running';
      ms = running.millis;
      label = 'running ' + millis(ms);
    } else if (timings.has(stage)) {
      ms = timings.get(stage);
      state = stage === failed ? 'failed' : 'passed';
      label = millis(ms);
    } else if (stage === failed) {
      state = 'failed';
      label = 'failed';
    } else if (index < reached || (ended && test.Outcome === 'SUCCEEDED')) {
      state = 'skipped';
      label = 'not needed';
    } else {
      state = ended ? 'skipped' : 'pending';
      label = ended ? 'not reached' : 'waiting';
    }
    const share = ms === null || total <= 0 ? 0 : ms / total;
    const box = h('li', { class: 'stage ' + state, 'data-stage': stage, 'data-state': state,
      title: `${stage}: ${label}` },
      h('span', { class: 'stage-name' }, stage),
      h('span', { class: 'stage-time' }, label),
      h('span', { class: 'sr-only' }, ' (' + state + ')'));
    // Layout through the CSS object model (allowed by the page's style-src 'self'; no style attribute is written).
    box.style.flexGrow = String(1 + share * 12);
    return box;
  });
  return h('div', { class: 'timeline-wrap' },
    h('ol', { class: 'timeline', 'aria-label': 'Test stages' }, items),
    failed && test.Message ? h('p', { class: 'stage-message' }, h('strong', {}, failed + ': '), test.Message) : null);
}
