// STI-CA console: draws GET /admin/v1/stats/activity as an SVG bar chart (own code, no library).
// Per hour, two bars side by side: certificates issued, and SPC token refusals stacked by reason.
// Colours come from console.css classes (the Content-Security-Policy allows no inline style);
// every text is set with textContent. Exposes window.StiCaChart = { activity, legend }.
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const WIDTH = 720;
  const HEIGHT = 240;
  const LEFT = 36;
  const RIGHT = 8;
  const TOP = 10;
  const BOTTOM = 26;
  const PALETTE = 8; // refusal reasons take classes r0..r7 in turn

  function node(tag, attributes, text) {
    const e = document.createElementNS(NS, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      e.setAttribute(name, String(value));
    });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }

  function reasons(data) { return Object.keys(data.totals.refusals).sort(); }

  function refused(bucket) {
    return Object.values(bucket.refusals).reduce((sum, n) => sum + n, 0);
  }

  function reasonClass(data, reason) {
    return 'r' + (reasons(data).indexOf(reason) % PALETTE);
  }

  // One bar: a rect carrying what it counts (data-*) and a tooltip.
  function bar(x, top, width, height, cls, data, tip) {
    const rect = node('rect', { x: x.toFixed(1), y: top.toFixed(1), width: width.toFixed(1),
      height: Math.max(height, 1).toFixed(1), class: 'bar ' + cls });
    Object.entries(data).forEach(([name, value]) => rect.setAttribute('data-' + name, value));
    rect.appendChild(node('title', {}, tip));
    return rect;
  }

  function activity(data) {
    const buckets = data.buckets;
    const max = Math.max(1, ...buckets.map((b) => Math.max(b.issuances, refused(b))));
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const slot = (WIDTH - LEFT - RIGHT) / buckets.length;
    const barWidth = Math.max(1, slot * 0.4);
    const y = (n) => TOP + plotHeight - (n / max) * plotHeight;
    const svg = node('svg', { viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img',
      class: 'chart', 'aria-label': 'Issuances and SPC token refusals per hour' });
    [...new Set([0, Math.round(max / 2), max])].forEach((tick) => {
      svg.appendChild(node('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick),
        class: tick === 0 ? 'axis' : 'grid' }));
      svg.appendChild(node('text', { x: LEFT - 4, y: y(tick) + 4, class: 'tick',
        'text-anchor': 'end' }, tick));
    });
    const labelEvery = Math.ceil(buckets.length / 12);
    buckets.forEach((b, i) => {
      const x = LEFT + i * slot + slot * 0.1;
      const hour = b.start.substring(11, 16);
      if (b.issuances > 0) {
        svg.appendChild(bar(x, y(b.issuances), barWidth, y(0) - y(b.issuances), 'issuances',
          { hour: b.start, count: b.issuances }, b.start + ': ' + b.issuances + ' issued'));
      }
      let stacked = 0;
      reasons(data).forEach((reason) => {
        const n = b.refusals[reason] || 0;
        if (n === 0) { return; }
        svg.appendChild(bar(x + barWidth, y(stacked + n), barWidth, y(stacked) - y(stacked + n),
          'refusals ' + reasonClass(data, reason), { hour: b.start, count: n, reason: reason },
          b.start + ': ' + n + ' refused (' + reason + ')'));
        stacked += n;
      });
      if (i % labelEvery === 0) {
        svg.appendChild(node('text', { x: x + barWidth, y: HEIGHT - 8, class: 'tick',
          'text-anchor': 'middle' }, hour));
      }
    });
    return svg;
  }

  // The chart's key, with the window's totals: issuances, then each refusal reason.
  function legend(data) {
    const list = document.createElement('ul');
    list.className = 'legend';
    const item = (cls, text) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch ' + cls;
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(text));
      list.appendChild(li);
    };
    item('issuances', 'issued: ' + data.totals.issuances);
    reasons(data).forEach((reason) => item(reasonClass(data, reason),
      'refused, ' + reason + ': ' + data.totals.refusals[reason]));
    return list;
  }

  window.StiCaChart = { activity: activity, legend: legend };
}());
