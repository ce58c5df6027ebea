// Shared by the console pages: who is logged in, and calls to the JSON API with the CSRF token.
'use strict';
const Console = (() => {
  let me = null;
  async function whoAmI() {
    const response = await fetch('/console/api/me', { credentials: 'same-origin' });
    if (response.status === 401) { location.href = '/console/login'; throw new Error('not logged in'); }
    me = await response.json();
    const logoutCsrf = document.getElementById('logout-csrf');
    if (logoutCsrf) logoutCsrf.value = me.csrfToken;
    const meEl = document.getElementById('me');
    if (meEl) meEl.textContent = me.username;
    const nav = document.getElementById('nav');
    if (nav) {
      const links = [];
      if (me.roles.includes('OFFICER') || me.roles.includes('ADMIN')) links.push(['/console/', '值班']);
      if (me.roles.includes('EDITOR') || me.roles.includes('ADMIN')) links.push(['/console/editor', '知识库']);
      if (me.roles.includes('ADMIN')) links.push(['/console/admin', '账号与审计']);
      nav.replaceChildren(...links.map(([href, text]) => { const a = document.createElement('a'); a.href = href; a.textContent = text; return a; }));
    }
    return me;
  }
  function showError(message) {
    const box = document.getElementById('error');
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }
  async function call(method, url, body) {
    const headers = { 'Accept': 'application/json' };
    if (me && me.csrfHeader) headers[me.csrfHeader] = me.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      showError('连接服务器失败，请检查网络后重试：' + e.message);
      throw e;
    }
    if (response.status === 401) { location.href = '/console/login'; throw new Error('session expired'); }
    if (!response.ok) {
      let detail = response.statusText;
      try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch (e) { /* not JSON */ }
      showError('操作失败（' + response.status + '）：' + detail);
      throw new Error(detail);
    }
    showError('');
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }
  function time(ms) {
    if (!ms) return '';
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  return { whoAmI, call, el, time, showError, get me() { return me; } };
})();
