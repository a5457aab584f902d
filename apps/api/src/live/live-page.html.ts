/** The live status page served at `/`: plain HTML and the Socket.IO client the server ships. */
export const LIVE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ModalFlow live status</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
  h1 { font-size: 1.3rem; }
  input { width: 34rem; font-family: monospace; }
  table { border-collapse: collapse; margin-top: 1rem; min-width: 50rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .6rem; text-align: left; }
  .DONE, .CLEARED { color: #2a7a2a; } .ERROR, .ABORTED, .ALERT { color: #b22; } .RUNNING, .PROCESSING, .FETCHING { color: #1f5fbf; }
  #state { margin-left: 1rem; color: #666; }
  a { margin-right: .5rem; }
  progress { width: 12rem; margin-right: .5rem; vertical-align: middle; }
</style>
</head>
<body>
<h1>ModalFlow: fetch jobs, uploads, analyses and monitoring alerts, live</h1>
<form id="login"><input id="token" placeholder="paste a bearer token (npm run token)" autocomplete="off">
<button>Connect</button><span id="state">not connected</span></form>
<table><thead><tr><th>document</th><th>type</th><th>status</th><th>details</th><th>last change</th></tr></thead>
<tbody id="rows"></tbody></table>
<script src="/socket.io/socket.io.js"></script>
<script>
const rows = new Map();
let socket, lastSeq = -1, token = '';
const $ = (id) => document.getElementById(id);

function render(event) {
  // A monitoring rule's alerts: one row per tracked mode.
  const key = event.alert ? event.document_id + ' ' + event.alert.track_id : event.document_id;
  let row = rows.get(key);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.document = event.document_id;
    $('rows').prepend(row);
    rows.set(key, row);
  }
  const counts = event.counts ? Object.entries(event.counts).map(([k, v]) => k + ' ' + v).join(', ') : '';
  row.innerHTML = '<td><code></code></td><td></td><td class="status"></td><td class="details"></td><td></td>';
  row.cells[0].firstChild.textContent = event.document_id;
  row.cells[1].textContent = event.run_type;
  row.cells[2].textContent = event.status;
  row.cells[2].className = 'status ' + event.status;
  row.cells[3].textContent = event.message || counts;
  row.cells[4].textContent = new Date(event.at || Date.now()).toLocaleTimeString();
  if (event.run_type === 'UPLOAD' && event.counts && !event.message) renderProgress(row.cells[3], event.counts);
  if (event.status === 'DONE' && event.structure_id && (event.run_type === 'FDD' || event.run_type === 'SSI')) {
    const names = event.run_type === 'FDD' ? ['singular-values', 'mode-shapes'] : ['stabilization', 'mode-shapes'];
    for (const name of names) {
      const link = document.createElement('a');
      link.href = '#';
      link.textContent = name;
      link.onclick = (e) => { e.preventDefault(); openPlot(event.structure_id, 'analyses/' + event.document_id, name); };
      row.cells[3].append(link);
    }
  }
  if (event.run_type === 'MONITORING' && event.structure_id) {
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = ' trend';
    link.onclick = (e) => { e.preventDefault(); openPlot(event.structure_id, 'modes', 'trend'); };
    row.cells[3].append(link);
  }
}

/** An upload's bytes so far: a bar once its size is known, the bytes either way. */
function renderProgress(cell, counts) {
  cell.textContent = '';
  if (counts.percent !== undefined) {
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = counts.percent;
    cell.append(bar, counts.percent + '% of ');
  }
  cell.append(megabytes(counts.size ?? counts.bytes));
}

const megabytes = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';

/** A plot under /structures/<id>/<owner>/plots/ (owner: analyses/<id>, or modes), in a new tab. */
async function openPlot(structureId, owner, name) {
  const response = await fetch('/structures/' + structureId + '/' + owner + '/plots/' + name + '.svg',
    { headers: { authorization: 'Bearer ' + token } });
  window.open(URL.createObjectURL(await response.blob()), '_blank');
}

function accept(event) {
  if (event.seq <= lastSeq) return;
  lastSeq = event.seq;
  render(event);
}

$('login').onsubmit = async (e) => {
  e.preventDefault();
  token = $('token').value.trim();
  if (socket) socket.close();
  const history = await fetch('/events?after=-1&limit=1000', { headers: { authorization: 'Bearer ' + token } });
  if (!history.ok) { $('state').textContent = 'refused: ' + (await history.json()).message; return; }
  (await history.json()).forEach(accept);
  socket = io({ auth: (cb) => cb({ token, last_seq: lastSeq }) });
  socket.on('connect', () => { $('state').textContent = 'connected, live'; });
  socket.on('disconnect', () => { $('state').textContent = 'disconnected, reconnecting'; });
  socket.on('connect_error', (error) => { $('state').textContent = 'refused: ' + error.message; });
  socket.on('status', (events) => events.forEach(accept));
};
</script>
</body>
</html>`;
