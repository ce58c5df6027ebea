// The citizen chat page of the WeChat simulator. Everything the citizen types or taps goes to
// /simulator/chat/send, which pushes it to the real webhook exactly as WeChat's servers would.
// Replies are rendered with DOM text nodes only (never innerHTML): no reply can inject markup.
(function () {
  'use strict';

  var KEY_OPENID = 'zw.sim.openid';
  var KEY_AES = 'zw.sim.aes';
  var KEY_STATE = 'zw.sim.subscribed';
  var HISTORY_PREFIX = 'zw.sim.history.';
  var HISTORY_KEPT = 200;
  var TIBETAN = /[\u0F00-\u0FFF]/;

  var $ = function (id) { return document.getElementById(id); };
  var log = $('log');
  var text = $('text');
  var sendButton = $('send');
  var status = $('status');
  var submenu = $('submenu');

  var openId = localStorage.getItem(KEY_OPENID);
  var safeModeAvailable = false;
  var queue = Promise.resolve();
  var events = null;
  var typingTimer = null;

  // ---------- citizen identity

  function newOpenId() {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    var bytes = new Uint8Array(27);
    crypto.getRandomValues(bytes);
    var id = 'o';
    for (var i = 0; i < bytes.length; i++) { id += alphabet[bytes[i] & 63]; }
    return id;
  }

  function subscribed() { return localStorage.getItem(KEY_STATE + '.' + openId) === 'yes'; }

  function setSubscribed(yes) {
    localStorage.setItem(KEY_STATE + '.' + openId, yes ? 'yes' : 'no');
    $('followbar').hidden = yes;
    $('inputbar').hidden = !yes;
    $('menubar').hidden = true;
    submenu.hidden = true;
    $('unsubscribe').disabled = !yes;
  }

  // ---------- history (so a reload keeps the conversation)

  function history() {
    try { return JSON.parse(localStorage.getItem(HISTORY_PREFIX + openId) || '[]'); } catch (e) { return []; }
  }

  function remember(entry) {
    var entries = history();
    entries.push(entry);
    if (entries.length > HISTORY_KEPT) { entries = entries.slice(entries.length - HISTORY_KEPT); }
    try { localStorage.setItem(HISTORY_PREFIX + openId, JSON.stringify(entries)); } catch (e) { /* storage full: keep chatting */ }
  }

  // ---------- rendering

  function el(tag, className, textContent) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (textContent !== undefined && textContent !== null) { node.textContent = textContent; }
    return node;
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function row(who) {
    var msg = el('div', 'msg ' + who);
    msg.appendChild(el('div', 'avatar', who === 'me' ? '我' : '政'));
    log.appendChild(msg);
    return msg;
  }

  function bubble(who, className) {
    var b = el('div', 'bubble' + (className ? ' ' + className : ''));
    row(who).appendChild(b);
    return b;
  }

  function markScript(node, content) {
    if (TIBETAN.test(content || '')) { node.classList.add('bo'); node.lang = 'bo'; }
  }

  // WeChat renders <a href="...">label</a> in a text message as a link, and a
  // weixin://bizmsgmenu link as a choice that sends its content. Everything else is text.
  var LINK = /<a\s+href\s*=\s*(["'])([\s\S]*?)\1[^>]*>([\s\S]*?)<\/a>|(https?:\/\/[^\s<>"'\u3000-\u303f\uff00-\uffef]+)/gi;

  function parseQuery(query) {
    var params = {};
    query.split('&').forEach(function (pair) {
      var at = pair.indexOf('=');
      if (at < 0) { return; }
      var name = pair.slice(0, at).trim();
      var value = pair.slice(at + 1);
      try { value = decodeURIComponent(value.replace(/\+/g, ' ')); } catch (e) { /* keep it raw */ }
      params[name] = value;
    });
    return params;
  }

  function stripTags(s) { return s.replace(/<[^>]*>/g, ''); }

  function richText(container, content) {
    LINK.lastIndex = 0;
    var last = 0;
    var match;
    while ((match = LINK.exec(content)) !== null) {
      if (match.index > last) { container.appendChild(document.createTextNode(content.slice(last, match.index))); }
      if (match[4]) {
        container.appendChild(webLink(match[4], match[4]));
      } else {
        var href = match[2].trim().replace(/&amp;/g, '&');
        var label = stripTags(match[3]);
        if (/^weixin:\/\/bizmsgmenu\?/i.test(href)) {
          container.appendChild(choiceLink(href, label));
        } else if (/^https?:\/\//i.test(href) || href.charAt(0) === '/') {
          container.appendChild(webLink(href, label));
        } else {
          container.appendChild(document.createTextNode(label));
        }
      }
      last = LINK.lastIndex;
    }
    if (last < content.length) { container.appendChild(document.createTextNode(content.slice(last))); }
  }

  function webLink(href, label) {
    var a = el('a', 'link', label);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function choiceLink(href, label) {
    var params = parseQuery(href.slice(href.indexOf('?') + 1));
    var content = params.msgmenucontent || label;
    var a = el('a', 'choice', label || content);
    a.href = '#';
    a.dataset.menuId = params.msgmenuid || '';
    a.dataset.content = content;
    a.addEventListener('click', function (event) {
      event.preventDefault();
      sendChoice(content, params.msgmenuid || '');
    });
    return a;
  }

  function showText(who, content, extraClass, meta) {
    var b = bubble(who, extraClass);
    if (who === 'me') { b.textContent = content; } else { richText(b, content); }
    markScript(b, content);
    if (meta) { b.appendChild(el('span', 'meta', meta)); }
    scrollDown();
    return b;
  }

  function showArticles(articles, head) {
    var b = bubble('them', 'card');
    if (head) { b.appendChild(el('span', 'head', head)); }
    articles.forEach(function (article) {
      var url = article.Url || article.url || '';
      var item = /^(https?:\/\/|\/)/i.test(url) ? webLink(url, '') : el('div');
      item.className = 'article';
      var title = el('strong', null, article.Title || article.title || '');
      var description = el('span', null, article.Description || article.description || '');
      markScript(title, title.textContent);
      markScript(description, description.textContent);
      item.appendChild(title);
      if (description.textContent) { item.appendChild(description); }
      b.appendChild(item);
    });
    scrollDown();
  }

  function showMenuMessage(menu) {
    var b = bubble('them');
    if (menu.head_content) { b.appendChild(document.createTextNode(menu.head_content + '\n')); }
    (menu.list || []).forEach(function (choice) {
      var a = el('a', 'choice', choice.content);
      a.href = '#';
      a.dataset.menuId = choice.id;
      a.dataset.content = choice.content;
      a.addEventListener('click', function (event) { event.preventDefault(); sendChoice(choice.content, String(choice.id)); });
      b.appendChild(a);
      b.appendChild(document.createTextNode('\n'));
    });
    if (menu.tail_content) { b.appendChild(document.createTextNode(menu.tail_content)); }
    markScript(b, b.textContent);
    scrollDown();
  }

  function showNote(content, isError, details) {
    var note = el('div', 'note' + (isError ? ' error' : ''));
    note.appendChild(el('span', null, content));
    if (details && details.length) {
      var more = el('details');
      more.appendChild(el('summary', null, '原因 why'));
      details.forEach(function (line) { more.appendChild(el('div', null, line)); });
      note.appendChild(more);
    }
    log.appendChild(note);
    scrollDown();
  }

  // An entry is what the history keeps; render() draws one.
  function render(entry) {
    switch (entry.kind) {
      case 'me': showText('me', entry.text); break;
      case 'text': showText('them', entry.text, entry.cs ? 'cs' : '', entry.meta); break;
      case 'news': showArticles(entry.articles, entry.head); break;
      case 'msgmenu': showMenuMessage(entry.menu); break;
      case 'note': showNote(entry.text, entry.error, entry.details); break;
      default: showNote('[' + entry.kind + ']');
    }
  }

  function add(entry) { remember(entry); render(entry); }

  // ---------- talking to the webhook (through the simulator)

  function push(payload) {
    payload.openId = openId;
    payload.encrypted = $('aes').checked;
    var pending = null;
    var job = queue.then(function () {
      pending = showText('them', '···', 'pending');
      pending.parentNode.classList.add('waiting');
      return fetch('/simulator/chat/send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload)
      }).then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      }).then(function (answer) {
        pending.parentNode.remove();
        showAnswer(answer);
      }).catch(function (error) {
        if (pending) { pending.parentNode.remove(); }
        add({ kind: 'note', text: '发送失败 Not sent: ' + error.message, error: true });
      });
    });
    queue = job;
    return job;
  }

  function showAnswer(answer) {
    if (!answer.accepted) {
      add({ kind: 'note', text: '该公众号暂时无法提供服务，请稍后再试', error: true, details: answer.problems });
      return;
    }
    var reply = answer.reply;
    if (!reply) { return; } // "success" or empty: WeChat shows nothing.
    var meta = null;
    if (reply.msgType === 'text') {
      add({ kind: 'text', text: reply.content, meta: meta });
    } else if (reply.msgType === 'news') {
      add({ kind: 'news', articles: reply.articles });
    } else if (reply.msgType === 'transfer_customer_service') {
      add({ kind: 'note', text: '已转接人工客服 Transferred to a person' });
    } else {
      add({ kind: 'note', text: '[' + reply.msgType + ']' });
    }
  }

  function sendText(content) {
    add({ kind: 'me', text: content });
    return push({ text: content });
  }

  function sendChoice(content, menuId) {
    if (!subscribed()) { return; }
    add({ kind: 'me', text: content });
    return push({ text: content, bizMsgMenuId: menuId });
  }

  function sendEvent(event, key) {
    return push({ event: event, eventKey: key || '' });
  }

  function subscribe() {
    setSubscribed(true);
    add({ kind: 'note', text: '你关注了“阿里政务服务” · You followed the account' });
    return sendEvent('subscribe');
  }

  function unsubscribe() {
    return sendEvent('unsubscribe').then(function () {
      add({ kind: 'note', text: '你已取消关注 · You unfollowed the account' });
      setSubscribed(false);
    });
  }

  // ---------- customer-service messages, live

  // Resolves once the stream is open: messages sent before then are not seen (WeChat would
  // deliver them later; the simulator keeps no mailbox).
  function listen() {
    if (events) { events.close(); }
    events = new EventSource('/simulator/chat/events?openId=' + encodeURIComponent(openId));
    var opened = new Promise(function (resolve) { events.addEventListener('open', resolve, { once: true }); });
    events.addEventListener('message', function (event) {
      setTyping(false);
      var data = JSON.parse(event.data);
      var body = {};
      try { body = JSON.parse(data.json); } catch (e) { /* show the text below */ }
      if (data.msgType === 'text') {
        add({ kind: 'text', text: (body.text && body.text.content) || data.text, cs: true });
      } else if (data.msgType === 'news' && body.news) {
        add({ kind: 'news', articles: body.news.articles || [] });
      } else if (data.msgType === 'msgmenu' && body.msgmenu) {
        add({ kind: 'msgmenu', menu: body.msgmenu });
      } else if (data.msgType === 'template') {
        add({ kind: 'news', head: '模板消息 Template', articles: [{ title: data.text, url: body.url || '' }] });
      } else {
        add({ kind: 'text', text: data.text, cs: true });
      }
    });
    events.addEventListener('typing', function (event) { setTyping(JSON.parse(event.data).typing); });
    return opened;
  }

  function setTyping(on) {
    clearTimeout(typingTimer);
    status.textContent = on ? '对方正在输入… · typing' : 'WeChat 模拟器 · simulator';
    if (on) { typingTimer = setTimeout(function () { setTyping(false); }, 15000); }
  }

  // ---------- the custom menu

  function buildMenu(menu) {
    var bar = $('menu');
    bar.textContent = '';
    (menu.button || []).forEach(function (button) {
      var b = el('button');
      b.type = 'button';
      var label = el('span', button.sub_button && button.sub_button.length ? 'has-sub' : '', button.name);
      markScript(label, button.name);
      b.appendChild(label);
      b.addEventListener('click', function () {
        if (button.sub_button && button.sub_button.length) {
          openSubmenu(b, button.sub_button);
        } else {
          submenu.hidden = true;
          tap(button);
        }
      });
      bar.appendChild(b);
    });
  }

  function openSubmenu(anchor, buttons) {
    var wasOpen = !submenu.hidden && submenu.dataset.owner === anchor.textContent;
    submenu.textContent = '';
    document.querySelectorAll('.menu > button').forEach(function (b) { b.setAttribute('aria-expanded', 'false'); });
    if (wasOpen) { submenu.hidden = true; return; }
    buttons.forEach(function (button) {
      var b = el('button', null, button.name);
      b.type = 'button';
      markScript(b, button.name);
      b.addEventListener('click', function () { submenu.hidden = true; tap(button); });
      submenu.appendChild(b);
    });
    submenu.dataset.owner = anchor.textContent;
    anchor.setAttribute('aria-expanded', 'true');
    submenu.hidden = false;
    var footer = submenu.parentNode.getBoundingClientRect();
    var rect = anchor.getBoundingClientRect();
    var left = rect.left - footer.left + rect.width / 2 - submenu.offsetWidth / 2;
    submenu.style.left = Math.max(4, Math.min(left, footer.width - submenu.offsetWidth - 4)) + 'px';
  }

  function tap(button) {
    if (!subscribed()) { return; }
    if (button.type === 'view' && button.url) {
      sendEvent('VIEW', button.url);
      window.open(button.url, '_blank', 'noopener');
    } else if (button.type === 'click') {
      add({ kind: 'note', text: '点击菜单 ' + button.name });
      sendEvent('CLICK', button.key);
    } else {
      add({ kind: 'note', text: '菜单类型 ' + button.type + ' 在模拟器中不可用' });
    }
  }

  // ---------- wiring

  function start(fresh) {
    $('openid').textContent = openId;
    log.textContent = '';
    history().forEach(render);
    var listening = listen();
    if (fresh) {
      subscribe();
    } else {
      setSubscribed(subscribed());
    }
    return listening;
  }

  $('inputbar').addEventListener('submit', function (event) {
    event.preventDefault();
    var content = text.value.trim();
    if (!content) { return; }
    text.value = '';
    autosize();
    sendText(content);
    text.focus();
  });
  text.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('inputbar').requestSubmit();
    }
  });
  function autosize() { text.style.height = 'auto'; text.style.height = Math.min(text.scrollHeight, 120) + 'px'; }
  text.addEventListener('input', autosize);

  $('to-menu').addEventListener('click', function () { $('inputbar').hidden = true; $('menubar').hidden = false; });
  $('to-input').addEventListener('click', function () {
    submenu.hidden = true; $('menubar').hidden = true; $('inputbar').hidden = false; text.focus();
  });
  $('more').addEventListener('click', function () {
    var panel = $('settings');
    panel.hidden = !panel.hidden;
    $('more').setAttribute('aria-expanded', String(!panel.hidden));
  });
  $('aes').addEventListener('change', function () { localStorage.setItem(KEY_AES, this.checked ? 'on' : 'off'); });
  $('unsubscribe').addEventListener('click', function () { unsubscribe(); $('settings').hidden = true; });
  $('follow').addEventListener('click', function () { subscribe(); });
  $('new-citizen').addEventListener('click', function () {
    openId = newOpenId();
    localStorage.setItem(KEY_OPENID, openId);
    $('settings').hidden = true;
    document.body.dataset.ready = 'false';
    start(true).then(function () { document.body.dataset.ready = 'true'; });
  });
  document.addEventListener('click', function (event) {
    if (!submenu.hidden && !submenu.contains(event.target) && !event.target.closest('.menu')) { submenu.hidden = true; }
  });

  fetch('/simulator/chat/config').then(function (response) { return response.json(); }).then(function (config) {
    safeModeAvailable = config.safeModeAvailable;
    var aes = $('aes');
    aes.disabled = !safeModeAvailable;
    aes.checked = safeModeAvailable && localStorage.getItem(KEY_AES) !== 'off';
    buildMenu(config.menu || {});
  }).catch(function () {
    showNote('模拟器配置读取失败 · could not read the simulator settings', true);
  }).then(function () {
    var fresh = !openId;
    if (fresh) {
      openId = newOpenId();
      localStorage.setItem(KEY_OPENID, openId);
    }
    return start(fresh);
  }).then(function () {
    document.body.dataset.ready = 'true';
  });
})();
