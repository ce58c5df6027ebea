// The editors' page: last publication of knowledge/, reload, and the questions the guides did not answer.
'use strict';
(() => {
  const { call, el } = Console;
  const problem = (p) => el('li', {}, `${p.file}:${p.line}: ${p.message}`);
  function show(report, rosterError) {
    document.getElementById('summary').textContent = (report.published ? '已发布：' : '未发布：') +
      `${report.guides} 篇指南，${new Date(report.at).toLocaleString('zh-CN')}` + (report.failure ? '；原因：' + report.failure : '');
    if (rosterError !== undefined) document.getElementById('roster').textContent = rosterError ? '值班表有误：' + rosterError : '值班表（duty-roster.yaml）已生效。';
    document.getElementById('errors').replaceChildren(...report.validation.errors.map(problem));
    document.getElementById('warnings').replaceChildren(...report.validation.warnings.map(problem));
    document.getElementById('tbc').replaceChildren(...report.validation.toBeConfirmed.map(problem));
    document.getElementById('tbc-count').textContent = `（${report.validation.toBeConfirmed.length} 处）`;
  }
  async function refresh() {
    const state = await call('GET', '/console/api/editor/knowledge');
    show(state.last, state.rosterError);
    await unanswered();
  }
  async function unanswered() {
    const lang = document.querySelector('input[name=lang]:checked').value;
    const questions = await call('GET', '/console/api/editor/unanswered?lang=' + lang);
    document.getElementById('unanswered').replaceChildren(...questions.map((q) => el('tr', {},
      el('td', { lang: lang === 'bo' ? 'bo' : undefined }, q.question), el('td', {}, q.count),
      el('td', {}, new Date(q.lastAsked).toLocaleString('zh-CN')),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: async () => {
        await call('POST', '/console/api/editor/unanswered/dismiss', { question: q.question, lang });
        await unanswered();
      } }, '已处理')))));
  }
  document.getElementById('reload').addEventListener('click', async (e) => {
    e.target.disabled = true;
    try { show(await call('POST', '/console/api/editor/knowledge/reload')); } finally { e.target.disabled = false; }
  });
  document.querySelectorAll('input[name=lang]').forEach((r) => r.addEventListener('change', unanswered));
  Console.whoAmI().then(refresh);
})();
