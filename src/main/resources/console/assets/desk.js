// The duty desk: queue, my chats, follow-ups; one chat's transcript, reply, actions; live updates by SSE.
'use strict';
(() => {
  const { call, el, time, showError } = Console;
  const REASONS = { ASKED_FOR_PERSON: '要求人工', NOT_ANSWERED_TWICE: '两次未答上', NEEDS_A_PERSON: '图片/语音' };
  const STATES = { QUEUED: '排队中', WITH_OFFICER: '处理中', RATING: '待评价', CLOSED: '已结束' };
  const RATINGS = { good: '满意', fair: '一般', bad: '不满意' };
  // what the transcript's action lines record (in English, as the audit does), as officers read it
  const ACTIONS = { claim: '接单', release: '退回队列', transfer: '转交', reply: '回复', close: '结束对话',
    'follow-up': '标记跟进', 'followed-up': '已跟进', 'handed over': '转人工', 'ended by the citizen': '市民结束了对话',
    'rated by the citizen': '市民评价' };

  function actionText(text) {
    const colon = text.indexOf(': ');
    const verb = colon < 0 ? text : text.slice(0, colon);
    const detail = colon < 0 ? '' : text.slice(colon + 2);
    if (!ACTIONS[verb]) return text;
    const shown = verb === 'handed over' ? (REASONS[detail] || detail)
      : verb === 'rated by the citizen' ? (RATINGS[detail] || detail)
      : verb === 'transfer' ? detail.replace(/^to /, '给 ') : detail;
    return ACTIONS[verb] + (shown ? '：' + shown : '');
  }
  let current = null;
  let currentChat = null;
  let available = false;
  let unseen = 0;

  function chatItem(chat, withClaim) {
    const label = `市民 ${chat.citizen}` + (chat.language === 'bo' ? '（藏文）' : '');
    const meta = [REASONS[chat.reason] || chat.reason, time(chat.queuedAt)];
    if (chat.position) meta.push(`第${chat.position}位`);
    if (chat.offHours) meta.push('非值班时间');
    if (chat.rating) meta.push('评价：' + (RATINGS[chat.rating] || chat.rating));
    if (chat.followUp) meta.push('跟进：' + chat.followUp);
    if (chat.pendingReplies) meta.push(`${chat.pendingReplies}条回复待发`);
    const li = el('li', { 'data-chat': chat.id, class: chat.id === current ? 'selected' : '', onclick: () => open(chat.id) },
      el('span', {}, el('span', {}, label), el('br'), el('span', { class: 'meta' }, meta.join(' · '))));
    if (withClaim) {
      li.append(el('button', { class: 'claim', type: 'button', onclick: (e) => { e.stopPropagation(); claim(chat.id); } }, '接单'));
    }
    return li;
  }

  async function refreshLists() {
    const [queue, mine, followUps, closed, status] = await Promise.all([
      call('GET', '/console/api/queue'), call('GET', '/console/api/mine'), call('GET', '/console/api/follow-ups'),
      call('GET', '/console/api/closed'), call('GET', '/console/api/status')]);
    document.getElementById('queue').replaceChildren(...queue.map((c) => chatItem(c, true)));
    document.getElementById('queue-count').textContent = queue.length ? `（${queue.length}）` : '';
    document.getElementById('mine').replaceChildren(...mine.map((c) => chatItem(c, false)));
    document.getElementById('follow-ups').replaceChildren(...followUps.map((c) => chatItem(c, false)));
    document.getElementById('closed').replaceChildren(...closed.map((c) => chatItem(c, false)));
    available = status.youAreAvailable;
    document.getElementById('available').checked = available;
    document.getElementById('duty').textContent = (status.open ? '值班中：' + (status.available.join('、') || '无人在岗') : '非值班时间')
      + (status.rosterError ? ' ⚠ 值班表有误：' + status.rosterError : '');
    document.getElementById('duty').title = '值班时间：' + status.hours;
  }

  function windowText(chat) {
    if (!chat.windowClosesAt) return { text: '48小时窗口已关闭：回复会在市民下次发消息时送达', cls: 'window closed' };
    const hours = Math.max(0, Math.round((chat.windowClosesAt - Date.now()) / 3600000));
    if (chat.quotaLeft === 0) return { text: `本窗口 5 条已用完：回复会在市民下次发消息时送达（窗口约剩 ${hours} 小时）`, cls: 'window spent' };
    return { text: `窗口约剩 ${hours} 小时，还可发 ${chat.quotaLeft} 条`, cls: 'window' };
  }

  function line(entry) {
    const cls = entry.from;
    const li = el('li', { class: cls, 'data-index': entry.index });
    if (entry.from === 'bot') {
      li.append(el('span', { class: 'who' }, `机器人 ${time(entry.at)}` + (entry.guides.length ? ' · 试过的指南：' + entry.guides.join('、') : '')));
      li.append(el('div', {}, '问：' + entry.question));
      li.append(el('div', {}, '答：' + entry.text));
    } else if (entry.from === 'action') {
      li.append(`${time(entry.at)} ${entry.who || '系统'}：${actionText(entry.text)}`);
    } else {
      const who = entry.from === 'citizen' ? '市民' : entry.from === 'officer' ? entry.who : '系统通知';
      li.append(el('span', { class: 'who' }, `${who} ${time(entry.at)}`), el('div', { lang: /[\u0F00-\u0FFF]/.test(entry.text) ? 'bo' : undefined }, entry.text));
    }
    if (entry.delivery) {
      const state = entry.delivery === 'sent' ? 'sent' : entry.delivery.startsWith('waiting') ? 'waiting' : entry.delivery.startsWith('failed') ? 'failed' : 'sending';
      const words = { sent: '已送达', sending: '发送中…' }[state] || ('未送达：' + entry.delivery.replace(/^(waiting|failed): /, ''));
      li.append(el('span', { class: 'delivery ' + state }, words));
    }
    return li;
  }

  async function open(chatId) {
    current = chatId;
    document.querySelectorAll('.chats li').forEach((li) => li.classList.toggle('selected', li.dataset.chat === chatId));
    await refreshChat();
    loadSuggestions('');
  }

  async function refreshChat() {
    if (!current) return;
    let detail;
    try { detail = await call('GET', `/console/api/chats/${current}`); } catch (e) { current = null; show(false); return; }
    const chat = detail.chat;
    currentChat = chat;
    show(true);
    document.getElementById('chat-title').textContent = `市民 ${chat.citizen}` + (chat.language === 'bo' ? '（藏文）' : '（中文）') + ' · ' + (REASONS[chat.reason] || chat.reason);
    document.getElementById('chat-state').textContent = (STATES[chat.state] || chat.state) + (chat.officer ? ' · ' + chat.officer : '') + (chat.rating ? ' · 评价：' + RATINGS[chat.rating] : '') + (chat.outcome ? ' · 结果：' + chat.outcome : '');
    const w = windowText(chat);
    const windowEl = document.getElementById('chat-window');
    windowEl.textContent = w.text + (chat.pendingReplies ? `；${chat.pendingReplies} 条回复等待送达` : '');
    windowEl.className = w.cls;
    const transcript = document.getElementById('transcript');
    const atBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    transcript.replaceChildren(...detail.transcript.map(line));
    if (atBottom) transcript.scrollTop = transcript.scrollHeight;
    const mine = chat.state === 'WITH_OFFICER' && chat.officer === Console.me.username;
    const canReply = mine || !!chat.followUp;
    document.getElementById('reply-send').disabled = !canReply;
    document.getElementById('reply-text').disabled = !canReply;
    document.getElementById('claim-btn').disabled = chat.state !== 'QUEUED';
    document.getElementById('release-btn').disabled = !mine;
    document.getElementById('transfer-btn').disabled = !mine;
    document.getElementById('close-btn').disabled = !mine;
    document.getElementById('followed-btn').disabled = !chat.followUp;
  }

  function show(visible) {
    document.getElementById('chat').hidden = !visible;
    document.getElementById('empty').hidden = visible;
  }

  async function loadSuggestions(q) {
    if (!current) return;
    const box = document.getElementById('suggestions');
    try {
      const suggestions = await call('GET', `/console/api/chats/${current}/suggestions` + (q ? '?q=' + encodeURIComponent(q) : ''));
      box.replaceChildren(...suggestions.map((s) => el('button', { type: 'button', title: s.text, onclick: () => insert(s.text) }, '插入：' + s.title)));
    } catch (e) { box.replaceChildren(); }
  }

  function insert(text) {
    const area = document.getElementById('reply-text');
    area.value = area.value ? area.value + '\n' + text : text;
    area.focus();
  }

  async function claim(chatId) {
    const result = await call('POST', `/console/api/chats/${chatId}/claim`);
    if (!result.claimed) showError('这个对话已被其他工作人员接走。');
    await refreshLists();
    await open(chatId);
  }

  async function act(path, body) {
    await call('POST', `/console/api/chats/${current}/${path}`, body);
    await refreshLists();
    await refreshChat();
  }

  async function send(event) {
    event.preventDefault();
    const area = document.getElementById('reply-text');
    const text = area.value.trim();
    if (!text || !current) return;
    document.getElementById('reply-send').disabled = true;
    try {
      await call('POST', `/console/api/chats/${current}/reply`, { text });
      area.value = '';
    } finally {
      await refreshChat();
    }
  }

  let audio;
  function ring() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880; gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      osc.start(); osc.stop(audio.currentTime + 0.35);
    } catch (e) { /* no sound device: the badge still shows */ }
  }

  function badge() {
    const b = document.getElementById('badge');
    b.hidden = unseen === 0;
    b.textContent = unseen;
    document.title = (unseen ? `(${unseen}) ` : '') + '政务助手值班台';
  }

  function listen() {
    const events = new EventSource('/console/api/events');
    events.addEventListener('change', async (message) => {
      const event = JSON.parse(message.data);
      if (event.type === 'queued' && available) { unseen++; badge(); ring(); }
      await refreshLists();
      if (event.chatId && event.chatId === current) await refreshChat();
    });
    events.onerror = () => showError('实时更新中断，正在重新连接…');
    events.addEventListener('hello', () => { showError(''); refreshLists(); refreshChat(); });
  }

  document.addEventListener('visibilitychange', () => { if (!document.hidden) { unseen = 0; badge(); } });
  window.addEventListener('focus', () => { unseen = 0; badge(); });
  document.getElementById('reply-form').addEventListener('submit', send);
  document.getElementById('reply-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { send(e); }
  });
  document.getElementById('suggest-btn').addEventListener('click', () => loadSuggestions(document.getElementById('suggest-q').value));
  document.getElementById('claim-btn').addEventListener('click', () => claim(current));
  document.getElementById('release-btn').addEventListener('click', () => act('release'));
  document.getElementById('transfer-btn').addEventListener('click', () => act('transfer', { to: document.getElementById('transfer-to').value.trim() }));
  document.getElementById('close-btn').addEventListener('click', () => act('close', { outcome: document.getElementById('close-outcome').value.trim() }).then(() => { document.getElementById('close-outcome').value = ''; }));
  document.getElementById('follow-btn').addEventListener('click', () => act('follow-up', { why: window.prompt('为什么需要跟进？', '') || '' }));
  document.getElementById('followed-btn').addEventListener('click', () => act('followed-up'));
  document.getElementById('available').addEventListener('change', async (e) => {
    await call('POST', '/console/api/availability', { available: e.target.checked });
    await refreshLists();
  });

  Console.whoAmI().then(() => { refreshLists(); listen(); });
})();
