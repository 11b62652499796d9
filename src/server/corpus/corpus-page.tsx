/**
 * 本地法规 (admins): the texts the section imported — title, 文号, issuer, dates, articles, the
 * file it came from, who imported it and when — an upload form, and 作废 with a reason per text.
 */
import type { LocalText } from '../../local-texts/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export interface ImportValues {
  title?: string;
  docNumber?: string;
  issuer?: string;
  issued?: string;
  effective?: string;
}

export function CorpusPage(props: { viewer: Viewer; texts: LocalText[]; showVoided: boolean; values?: ImportValues; error?: string | undefined; notice?: string | undefined }) {
  const v = props.values ?? {};
  return (
    <Layout viewer={props.viewer} title="本地法规文本">
      <h1>本地法规文本</h1>
      <p class="muted">
        本科室持有的法规、规章和规范性文件（如省、市的规范性文件管理办法）导入后，规则和手工添加的问题即可引用其条文。只有在此导入（或用命令 fahu corpus import）的文本才会进入本库；作废须写理由，记录保留。
      </p>
      <Notice kind="ok" message={props.notice} id="corpus-notice" />
      <Notice kind="error" message={props.error} id="corpus-error" />
      <form method="post" action="/admin/corpus" enctype="multipart/form-data" class="card" id="corpus-form">
        <Csrf viewer={props.viewer} />
        <h2>导入文本</h2>
        <div class="field">
          <label for="corpus-file">文件（.docx、.txt 或 .md）</label>
          <input id="corpus-file" name="file" type="file" accept=".docx,.txt,.md" required />
        </div>
        <p class="muted small">以下各项不填则从文件中读取。</p>
        <div class="field-row">
          <div class="field">
            <label for="corpus-title">标题</label>
            <input id="corpus-title" name="title" type="text" maxlength={300} value={v.title ?? ''} />
          </div>
          <div class="field">
            <label for="corpus-doc-number">文号</label>
            <input id="corpus-doc-number" name="docNumber" type="text" maxlength={100} value={v.docNumber ?? ''} />
          </div>
        </div>
        <div class="field-row">
          <div class="field">
            <label for="corpus-issuer">制定机关</label>
            <input id="corpus-issuer" name="issuer" type="text" maxlength={200} value={v.issuer ?? ''} />
          </div>
          <div class="field">
            <label for="corpus-issued">发布日期</label>
            <input id="corpus-issued" name="issued" type="date" value={v.issued ?? ''} />
          </div>
          <div class="field">
            <label for="corpus-effective">施行日期</label>
            <input id="corpus-effective" name="effective" type="date" value={v.effective ?? ''} />
          </div>
        </div>
        <button type="submit" class="btn btn-primary" id="corpus-submit">
          导入
        </button>
      </form>
      <h2>已导入的文本</h2>
      <p>
        {props.showVoided ? <a href="/admin/corpus">只看有效的</a> : <a href="/admin/corpus?all=1">包括已作废的</a>}
      </p>
      {props.texts.length === 0 ? (
        <p class="muted" id="corpus-empty">
          还没有导入文本。
        </p>
      ) : (
        <table class="table" id="corpus-table">
          <thead>
            <tr>
              <th>标题</th>
              <th>文号</th>
              <th>制定机关</th>
              <th>发布／施行</th>
              <th>条数</th>
              <th>来源文件</th>
              <th>导入</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {props.texts.map((t) => (
              <tr id={`text-${t.id}`}>
                <td>
                  <a href={`/admin/corpus/${t.id}`}>{t.title}</a>
                </td>
                <td>{t.docNumber || '—'}</td>
                <td>{t.issuer || '—'}</td>
                <td>
                  {t.issuedOn ?? '—'}／{t.effectiveOn ?? '—'}
                </td>
                <td>{t.articles.length}</td>
                <td>{t.sourceName || '—'}</td>
                <td>
                  {t.importedByName}，{formatTime(t.importedAt)}
                </td>
                <td>
                  {t.voidedAt ? (
                    <span>
                      已作废（{t.voidedByName ?? ''}，{formatTime(t.voidedAt)}）：{t.voidReason}
                    </span>
                  ) : (
                    <form method="post" action={`/admin/corpus/${t.id}/void`} class="inline void-form">
                      <Csrf viewer={props.viewer} />
                      <label for={`void-reason-${t.id}`} class="small">
                        作废理由
                      </label>
                      <input id={`void-reason-${t.id}`} name="reason" type="text" required maxlength={2000} />
                      <button type="submit" class="btn btn-danger">
                        作废
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** One text with its articles, as the rules and the 依据 picker cite them. */
export function CorpusTextPage(props: { viewer: Viewer; text: LocalText }) {
  const t = props.text;
  return (
    <Layout viewer={props.viewer} title={t.title}>
      <p>
        <a href="/admin/corpus">← 本地法规文本</a>
      </p>
      <h1>{t.title}</h1>
      <p class="muted">
        {[t.docNumber, t.issuer, t.issuedOn ? `${t.issuedOn} 发布` : '', t.effectiveOn ? `${t.effectiveOn} 施行` : ''].filter(Boolean).join('　')}
        　导入：{t.importedByName}，{formatTime(t.importedAt)}（{t.sourceName || '未记录文件名'}）{t.voidedAt ? `　已作废：${t.voidReason ?? ''}` : ''}
      </p>
      <ol class="plain" id="corpus-articles">
        {t.articles.map((a) => (
          <li>
            <strong>{a.article}</strong>
            <p>{a.text}</p>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
