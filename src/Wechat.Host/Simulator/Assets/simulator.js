// The simulator page: pushes go through /dev/simulator/api/send, which signs them and POSTs them to /wechat;
// what WeChat would deliver later (customer-service, template messages, SMS codes) is polled from the inbox.
(() => {
  'use strict';
  const api = '/dev/simulator/api';
  const $ = id => document.getElementById(id);
  const state = { openId: null, lastId: 0, setup: null, polling: null, ticket: 0 };

  const escape = text => String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  // URLs end at whitespace or the first character a URL cannot hold (Chinese punctuation, brackets of prose).
  const linkify = text => escape(text).replace(/https?:\/\/[A-Za-z0-9\-._~:/?#@!$&;+,=%*]+/g,
    url => `<a href="${url}" data-h5="1">${url}</a>`);

  async function json(url, options) {
    const response = await fetch(url, options);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }
  const post = (url, body) => json(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  function append(node) {
    const chat = $('chat');
    chat.appendChild(node);
    chat.scrollTop = chat.scrollHeight;
    return node;
  }

  function message(direction, inner) {
    const row = document.createElement('div');
    row.className = `msg msg-${direction}`;
    row.innerHTML = `<div class="avatar">${direction === 'in' ? '公' : '我'}</div><div class="body">${inner}</div>`;
    return append(row);
  }

  function system(text, error) {
    const row = document.createElement('div');
    row.className = 'system' + (error ? ' error' : '');
    row.innerHTML = `<span>${escape(text)}</span>`;
    return append(row);
  }

  const wire = w => w ? `<details class="wire"><summary>报文</summary>POST ${escape(w.url)}<pre>${escape(w.requestBody)}</pre>` +
    (w.requestBody !== w.innerXml ? `解密后<pre>${escape(w.innerXml)}</pre>` : '') +
    `回复<pre>${escape(w.responseBody)}</pre>${w.decryptedReply ? `解密后<pre>${escape(w.decryptedReply)}</pre>` : ''}</details>` : '';

  const newsCard = n => `<div class="news-card" data-url="${escape(n.url)}"><h4>${escape(n.title)}</h4><p>${escape(n.description)}</p>` +
    (n.picUrl ? `<img src="${escape(n.picUrl)}" alt="">` : '') + '</div>';

  function showReply(reply) {
    if (reply.type === 'text') message('in', `<div class="bubble reply">${linkify(reply.content)}</div>${wire(reply.wire)}`);
    else if (reply.type === 'news') message('in', newsCard(reply) + wire(reply.wire));
    else if (reply.type === 'refused') {
      const why = $('safe-mode').checked ? '' : '（服务器配置了 EncodingAESKey，只接受安全模式的加密消息）';
      system(`/wechat 拒绝了这条消息：HTTP ${reply.status}${why}`, true);
    }
  }

  const RECENT = 20;

  function showPushed(m, fromHistory) {
    if (m.kind === 'text') message('in', `<div class="bubble pushed">${linkify(m.text)}</div>`);
    else if (m.kind === 'news') message('in', newsCard(m));
    else if (m.kind === 'template') {
      const lines = (m.lines || []).map(l => `<dt>${escape(l.key)}</dt><dd>${escape(l.value)}</dd>`).join('');
      message('in', `<div class="template-card"><div class="card-kind">模板消息 · ${escape(m.title)}</div><dl>${lines}</dl>` +
        (m.url ? `<a class="more" href="${escape(m.url)}" data-h5="1">详情</a>` : '') + '</div>');
    } else if (m.kind === 'sms') {
      system(`短信 · 发往 ${m.title}`);
      message('in', `<div class="sms-card"><div class="card-kind">短信（开发环境发件箱）</div>${escape(m.text)}` +
        `<div>验证码 <b class="sms-code">${escape(m.code)}</b></div></div>`);
      if (fromHistory) return;
      const banner = $('sms-banner');
      banner.innerHTML = `<b>短信 · ${escape(m.title)}</b>${escape(m.text)}`;
      banner.hidden = false;
      clearTimeout(banner.timer);
      banner.timer = setTimeout(() => { banner.hidden = true; }, 10000);
    }
  }

  async function send(request, echo) {
    if (!state.openId) return;
    if (echo) echo();
    try {
      const reply = await post(`${api}/send`, { openId: state.openId, safeMode: $('safe-mode').checked, ...request });
      showReply(reply);
    } catch (e) {
      system(`发送失败：${e.message}`, true);
    }
  }

  async function poll() {
    if (!state.openId) return;
    const openId = state.openId;
    try {
      const items = await json(`${api}/inbox?openid=${encodeURIComponent(openId)}&after=${state.lastId}`);
      if (openId !== state.openId) return;
      for (const m of items) { state.lastId = Math.max(state.lastId, m.id); showPushed(m); }
    } catch { /* the next poll tries again */ }
  }

  // A later choice wins over one still waiting for the server, so two quick changes never mix their chats.
  async function choose(value) {
    if (value === state.openId) return;
    const ticket = ++state.ticket;
    const { openId } = await post(`${api}/identity`, { openId: value });
    // The recent history first, as a phone keeps its chat (an old code shows in the chat but does not pop up again).
    const earlier = await json(`${api}/inbox?openid=${encodeURIComponent(openId)}&after=0`);
    if (ticket !== state.ticket) return;
    state.openId = openId;
    state.lastId = earlier.reduce((max, m) => Math.max(max, m.id), 0);
    $('openid').textContent = openId;
    $('chat').innerHTML = '';
    closeH5();
    const label = $('citizen').selectedOptions[0]?.textContent ?? openId;
    const recent = earlier.slice(-RECENT);
    if (recent.length > 0) {
      system(`最近的消息（${recent.length} 条）`);
      for (const m of recent) showPushed(m, true);
    }
    system(`以「${label}」的身份使用公众号`);
  }

  function openH5(url) {
    $('h5').hidden = false;
    $('h5-title').textContent = '加载中…';
    $('h5-frame').src = url;
  }
  function closeH5() {
    $('h5').hidden = true;
    $('h5-frame').src = 'about:blank';
  }

  function closeSubMenus() { document.querySelectorAll('.menu-sub').forEach(s => s.remove()); }

  function tap(button) {
    closeSubMenus();
    if (button.type === 'click') send({ kind: 'click', key: button.key });
    else if (button.type === 'view') {
      send({ kind: 'view', url: button.url });
      openH5(button.url);
    } else system(`模拟器暂不支持 ${button.type} 类型的菜单`, true);
  }

  function drawMenu(menu) {
    const bar = $('menu');
    bar.innerHTML = '';
    for (const top of menu.button) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'menu-top' + (top.sub_button?.length ? ' has-sub' : '');
      b.textContent = top.name;
      b.addEventListener('click', e => {
        e.stopPropagation();
        const open = b.querySelector('.menu-sub');
        closeSubMenus();
        if (!top.sub_button?.length) return tap(top);
        if (open) return;
        const sub = document.createElement('div');
        sub.className = 'menu-sub';
        for (const item of top.sub_button) {
          const i = document.createElement('button');
          i.type = 'button';
          i.className = 'menu-item';
          i.textContent = item.name;
          i.addEventListener('click', ev => { ev.stopPropagation(); tap(item); });
          sub.appendChild(i);
        }
        b.appendChild(sub);
      });
      bar.appendChild(b);
    }
  }

  async function start() {
    const setup = state.setup = await json(`${api}/setup`);
    const select = $('citizen');
    for (const c of setup.citizens) {
      const o = new Option(`${c.name}${c.registered ? '' : '（未注册）'}`, c.openId);
      o.title = c.story;
      select.add(o);
    }
    select.add(new Option('新的微信用户（新 OpenID）', 'new'));
    if (!setup.safeModeConfigured) { $('safe-mode').checked = false; $('safe-mode').disabled = true; }
    if (new URL(setup.publicBaseUrl).origin !== location.origin) {
      const hint = $('origin-hint');
      hint.hidden = false;
      hint.textContent = `网页链接指向 ${setup.publicBaseUrl}；请从 ${setup.publicBaseUrl}/dev/simulator 打开模拟器，否则网页内的身份不一致。`;
    }
    drawMenu(setup.menu);

    select.addEventListener('change', () => choose(select.value));
    $('subscribe').addEventListener('click', () => send({ kind: 'subscribe' }, () => system('你关注了「信阳公积金」')));
    $('send-location').addEventListener('click', () => send({ kind: 'location' },
      () => message('out', '<div class="bubble">📍 河南省信阳市浉河区新华路</div>')));
    $('composer').addEventListener('submit', e => {
      e.preventDefault();
      const text = $('input').value.trim();
      if (!text) return;
      $('input').value = '';
      send({ kind: 'text', content: text }, () => message('out', `<div class="bubble">${escape(text)}</div>`));
    });
    $('keyboard-toggle').addEventListener('click', () => {
      closeSubMenus();
      const typing = $('composer').hidden;
      $('composer').hidden = !typing;
      $('menu').hidden = typing;
      $('keyboard-toggle').textContent = typing ? '☰' : '⌨';
      if (typing) $('input').focus();
    });
    $('chat').addEventListener('click', e => {
      closeSubMenus();
      const link = e.target.closest('a[data-h5]');
      const card = e.target.closest('.news-card');
      if (link) { e.preventDefault(); openH5(link.href); } else if (card?.dataset.url) openH5(card.dataset.url);
    });
    document.addEventListener('click', closeSubMenus);
    $('h5-close').addEventListener('click', closeH5);
    $('h5-reload').addEventListener('click', () => $('h5-frame').contentWindow?.location.reload());
    $('h5-frame').addEventListener('load', () => {
      try { $('h5-title').textContent = $('h5-frame').contentDocument?.title || ''; } catch { $('h5-title').textContent = ''; }
    });
    $('sms-banner').addEventListener('click', () => { $('sms-banner').hidden = true; });

    await choose(select.value);
    state.polling = setInterval(poll, 1500);
  }

  start().catch(e => system(`模拟器启动失败：${e.message}`, true));
})();
