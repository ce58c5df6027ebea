// Accounts (create, reset password, disable) and the audit of officer actions.
'use strict';
(() => {
  const { call, el, time } = Console;
  async function refresh() {
    const [accounts, audit] = await Promise.all([call('GET', '/console/api/admin/accounts'), call('GET', '/console/api/admin/audit')]);
    document.getElementById('accounts').replaceChildren(...accounts.map((a) => el('tr', {},
      el('td', {}, a.username), el('td', {}, a.roles.join(', ')), el('td', {}, a.disabled ? '已停用' : '正常'),
      el('td', {}, a.failedLogins),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => toggle(a) }, a.disabled ? '启用' : '停用')))));
    const now = new Date();
    document.getElementById('audit').replaceChildren(...audit.map((r) => el('tr', {},
      el('td', {}, new Date(r.at).getFullYear() === now.getFullYear() ? time(r.at) : new Date(r.at).toISOString()),
      el('td', {}, r.who), el('td', {}, r.action), el('td', {}, r.chatId), el('td', {}, r.detail))));
  }
  async function toggle(account) {
    await call('POST', `/console/api/admin/accounts/${encodeURIComponent(account.username)}/disabled?disabled=${!account.disabled}`);
    await refresh();
  }
  document.getElementById('account-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const roles = [...document.querySelectorAll('input[name=role]:checked')].map((i) => i.value);
    await call('POST', '/console/api/admin/accounts', {
      username: document.getElementById('new-username').value.trim(),
      password: document.getElementById('new-password').value, roles });
    document.getElementById('new-password').value = '';
    await refresh();
  });
  Console.whoAmI().then(refresh);
})();
