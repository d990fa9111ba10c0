// Drawing chat entries as WeChat draws them: bubbles, media, cards. Everything the server sends is text, put in
// the page with textContent; only <a href> links (which WeChat text messages may hold) become real links.

/** A tiny element builder: h('div', { class: 'x' }, child, 'text'). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** Reads a field by any of its spellings (our chat entries are camelCase, API payloads snake_case). */
export function pick(payload, ...names) {
  for (const n of names)
    if (payload && payload[n] !== undefined && payload[n] !== null && payload[n] !== '') return payload[n];
  return undefined;
}

const safeHref = (href) => (/^(https?:|weixin:|mailto:|tel:|\/)/i.test(href) ? href : undefined);
const LINKS = /<a\s+([^>]*)>([\s\S]*?)<\/a>|(https?:\/\/[^\s<>"']+)/gi;

/** Text with its newlines (CSS pre-wrap), `<a href="…">` links and bare URLs clickable, nothing else as HTML. */
export function richText(value) {
  const text = String(value);
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(LINKS)) {
    out.append(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[3]) {
      out.append(h('a', { href: m[3], target: '_blank', rel: 'noopener' }, m[3]));
      continue;
    }
    const href = /href\s*=\s*(["'])(.*?)\1/i.exec(m[1])?.[2];
    const mini = /data-miniprogram-appid\s*=\s*(["'])(.*?)\1/i.exec(m[1])?.[2];
    const label = m[2].replace(/<[^>]*>/g, '');
    const safe = href && safeHref(href.replace(/&amp;/g, '&'));
    if (safe) out.append(h('a', { href: safe, target: '_blank', rel: 'noopener' }, label));
    else
      out.append(
        h(
          'a',
          { href: '#', title: mini ? `小程序 ${mini}` : 'link', onclick: (e) => e.preventDefault() },
          label,
        ),
      );
  }
  out.append(text.slice(last));
  return out;
}

const mediaUrl = (p, ...names) => {
  const direct = pick(p, ...names.filter((n) => /url/i.test(n)));
  if (direct) return direct;
  const id = pick(p, ...names.filter((n) => !/url/i.test(n)));
  return id ? `/__emulator/media/${encodeURIComponent(id)}` : undefined;
};

const WAVES =
  '<svg class="voice-waves" viewBox="0 0 24 24"><path d="M6 12a1.6 1.6 0 1 0 0 .01" fill="currentColor"/><path d="M10 7.5a6.5 6.5 0 0 1 0 9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><path d="M14 4a11 11 0 0 1 0 16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const PIN =
  '<svg viewBox="0 0 24 24"><path d="M12 22s-7-7-7-12a7 7 0 0 1 14 0c0 5-7 12-7 12Zm0-9.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z"/></svg>';

/** An element from trusted SVG markup (icons defined in this file's callers). */
export function svg(markup) {
  const t = document.createElement('template');
  t.innerHTML = markup;
  return t.content.firstChild;
}

function voice(p) {
  const url = mediaUrl(p, 'url', 'mediaUrl', 'mediaId', 'media_id');
  const audio = new Audio();
  const label = h('span', {}, p.format ? `语音 ${p.format}` : '语音');
  const bubble = h(
    'div',
    { class: 'bubble voice', title: '点击播放 Play', role: 'button' },
    svg(WAVES),
    label,
  );
  audio.preload = 'metadata';
  if (url) audio.src = url;
  audio.onloadedmetadata = () => {
    if (Number.isFinite(audio.duration)) {
      const s = Math.max(1, Math.round(audio.duration));
      label.textContent = `${s}″`;
      bubble.style.minWidth = `${Math.min(70 + s * 6, 200)}px`;
    }
  };
  audio.onended = audio.onpause = () => bubble.classList.remove('playing');
  bubble.onclick = () => {
    if (!audio.paused) return audio.pause();
    bubble.classList.add('playing');
    audio.play().catch(() => {
      bubble.classList.remove('playing');
      label.textContent = '无法播放 (format)';
    });
  };
  return bubble;
}

function newsCards(articles) {
  const list = articles.map((a) => ({
    title: pick(a, 'title', 'Title') ?? '',
    description: pick(a, 'description', 'digest') ?? '',
    url: pick(a, 'url', 'Url', 'content_source_url'),
    picUrl: pick(a, 'picUrl', 'picurl', 'PicUrl', 'thumb_url'),
  }));
  if (list.length === 1) {
    const a = list[0];
    return h(
      'a',
      { class: 'card news', href: a.url ? safeHref(a.url) : undefined, target: '_blank', rel: 'noopener' },
      h('div', { class: 'card-title' }, a.title),
      h(
        'div',
        { class: 'card-row' },
        h('div', { class: 'card-desc' }, a.description),
        a.picUrl ? h('img', { class: 'thumb', src: a.picUrl, alt: '' }) : null,
      ),
    );
  }
  const [first, ...rest] = list;
  return h(
    'div',
    { class: 'card news-multi' },
    h(
      'a',
      {
        class: 'cover',
        href: first.url ? safeHref(first.url) : undefined,
        target: '_blank',
        rel: 'noopener',
      },
      first.picUrl ? h('img', { src: first.picUrl, alt: '' }) : null,
      h('span', {}, first.title),
    ),
    rest.map((a) =>
      h(
        'a',
        { class: 'item', href: a.url ? safeHref(a.url) : undefined, target: '_blank', rel: 'noopener' },
        h('span', {}, a.title),
        a.picUrl ? h('img', { class: 'thumb', src: a.picUrl, alt: '' }) : null,
      ),
    ),
  );
}

function music(p) {
  const url = pick(p, 'hqMusicUrl', 'hqmusicurl', 'musicUrl', 'musicurl');
  // Customer-service music carries its thumbnail as mediaUrl.
  const thumb = mediaUrl(p, 'thumbUrl', 'mediaUrl', 'thumbMediaId', 'thumb_media_id');
  const audio = url ? new Audio(url) : undefined;
  const disc = h('div', { class: 'disc' }, '♪');
  if (thumb) disc.style.backgroundImage = `url("${thumb}")`;
  const card = h(
    'div',
    { class: 'card music', role: 'button', title: url ?? '' },
    disc,
    h(
      'div',
      { class: 'meta' },
      h('b', {}, pick(p, 'title') ?? '音乐'),
      h('small', {}, pick(p, 'description') ?? ''),
    ),
  );
  card.onclick = () => audio && (audio.paused ? audio.play().catch(() => undefined) : audio.pause());
  return card;
}

function template(p) {
  const data = pick(p, 'data') ?? {};
  const rows = Object.entries(data).map(([k, v]) => [
    k,
    typeof v === 'object' && v ? (v.value ?? '') : String(v),
  ]);
  const link = pick(p, 'url', 'page');
  const content = pick(p, 'content');
  return h(
    'div',
    { class: 'card template' },
    h('div', { class: 'card-title' }, pick(p, 'title') ?? '模板消息'),
    content
      ? h('div', { class: 'card-body' }, content)
      : h(
          'dl',
          {},
          rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
        ),
    h(
      'div',
      { class: 'card-foot' },
      link && safeHref(link)
        ? h(
            'a',
            { href: safeHref(link), target: '_blank', rel: 'noopener' },
            h('span', {}, '详情'),
            h('span', {}, '›'),
          )
        : `template_id ${pick(p, 'templateId', 'template_id') ?? ''}`,
    ),
  );
}

/**
 * The content of one chat entry (the bubble or card), or undefined for entries drawn as notices.
 * `actions.menuReply(id, content)` sends a msgmenu choice.
 */
export function renderContent(entry, actions) {
  const p = entry.payload ?? {};
  switch (entry.msgType) {
    case 'text':
      return h('div', { class: 'bubble' }, richText(pick(p, 'content') ?? ''));
    case 'image':
      // A mass send of images carries several (mediaUrls); everything else one.
      if (Array.isArray(p.mediaUrls))
        return h(
          'div',
          { class: 'bubble media images' },
          p.mediaUrls.map((src) => h('img', { src, alt: '图片' })),
        );
      return h(
        'div',
        { class: 'bubble media' },
        h('img', { src: mediaUrl(p, 'url', 'mediaUrl', 'picUrl', 'mediaId', 'media_id'), alt: '图片' }),
      );
    case 'voice':
      return voice(p);
    case 'video':
    case 'shortvideo':
    case 'mpvideo':
      return h(
        'div',
        { class: 'bubble media' },
        h('video', {
          src: mediaUrl(p, 'url', 'mediaUrl', 'mediaId', 'media_id'),
          poster: mediaUrl(p, 'thumbUrl', 'thumbMediaId', 'thumb_media_id'),
          controls: true,
          preload: 'metadata',
        }),
      );
    case 'music':
      return music(p);
    case 'news':
      return newsCards(pick(p, 'articles', 'news_item') ?? []);
    case 'mpnews':
    case 'mpnewsarticle':
      return Array.isArray(p.articles)
        ? newsCards(p.articles)
        : h(
            'div',
            { class: 'card news' },
            h('div', { class: 'card-title' }, '图文消息'),
            h(
              'div',
              { class: 'card-row raw' },
              pick(p, 'mediaId', 'media_id', 'article_id', 'articleId') ?? '',
            ),
          );
    case 'location':
      return h(
        'div',
        { class: 'card location' },
        h('div', { class: 'card-title' }, pick(p, 'label', 'Label') || '位置'),
        h(
          'div',
          { class: 'card-row' },
          h('div', { class: 'card-desc' }, `${p.latitude ?? ''}, ${p.longitude ?? ''}`),
        ),
        h('div', { class: 'map' }, svg(PIN)),
      );
    case 'link':
      return h(
        'a',
        { class: 'card news', href: safeHref(pick(p, 'url') ?? '#'), target: '_blank', rel: 'noopener' },
        h('div', { class: 'card-title' }, pick(p, 'title') ?? ''),
        h(
          'div',
          { class: 'card-row' },
          h('div', { class: 'card-desc' }, pick(p, 'description') ?? pick(p, 'url') ?? ''),
        ),
      );
    case 'template':
    case 'subscribe':
      return template(p);
    case 'wxcard':
      return h(
        'div',
        { class: 'card news' },
        h('div', { class: 'card-title' }, '卡券'),
        h('div', { class: 'card-row raw' }, pick(p, 'card_id') ?? ''),
      );
    case 'msgmenu': {
      const list = pick(p, 'list') ?? [];
      return h(
        'div',
        { class: 'bubble msgmenu' },
        pick(p, 'head_content', 'headContent') ?? '',
        list.map((item) =>
          h(
            'button',
            { onclick: () => actions.menuReply(String(item.id), String(item.content)) },
            item.content,
          ),
        ),
        pick(p, 'tail_content', 'tailContent') ?? '',
      );
    }
    case 'miniprogrampage':
      return h(
        'div',
        { class: 'card news' },
        h('div', { class: 'card-title' }, pick(p, 'title') ?? '小程序'),
        pick(p, 'mediaUrl') ? h('img', { class: 'cover-img', src: pick(p, 'mediaUrl'), alt: '' }) : null,
        h('div', { class: 'card-foot' }, `小程序 ${pick(p, 'appid') ?? ''} · ${pick(p, 'pagepath') ?? ''}`),
      );
    default:
      return h('div', { class: 'bubble raw' }, `[${entry.msgType}] ${JSON.stringify(p)}`);
  }
}

const VIA = {
  'customer-service': '客服消息 customer service',
  mass: '群发 mass',
  template: '模板/订阅通知 template',
};

/** A caption under messages that did not come as a passive reply, so the developer sees how they arrived. */
export function viaLabel(entry) {
  return VIA[entry.via];
}

/** A fan's avatar colour, stable per openid. */
export function avatarColor(openid) {
  let n = 0;
  for (const ch of openid) n = (n * 31 + ch.charCodeAt(0)) >>> 0;
  const colors = ['#f5a623', '#4a90e2', '#7b61ff', '#e2557a', '#12b7b5', '#8b6f47'];
  return colors[n % colors.length];
}

/** WeChat's chat time labels: 10:05, 昨天 10:05, or a date. */
export function timeLabel(ms) {
  const d = new Date(ms);
  const now = new Date();
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (d.toDateString() === now.toDateString()) return hm;
  const y = new Date(now);
  y.setDate(now.getDate() - 1);
  if (d.toDateString() === y.toDateString()) return `昨天 ${hm}`;
  return `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}
