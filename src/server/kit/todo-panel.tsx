/** 我的待办 on the home page (src/desk/desk-todo.ts): due soon, assigned to me, awaiting my sign-off; each links on. */
import type { Todo } from '../../desk/desk-todo.js';
import type { RequestWithDeadline } from '../../desk/desk-types.js';
import { REQUEST_KIND_LABELS } from '../../desk/kinds.js';
import { REQUEST_STATUS_LABELS } from '../../desk/workflow.js';

function dueText(r: RequestWithDeadline): string {
  const left = r.deadline.remaining;
  if (left === null) return '暂停计时';
  if (left < 0) return `已超期 ${-left} 个工作日（${r.deadline.count.due}）`;
  return left === 0 ? `今天到期（${r.deadline.count.due}）` : `还剩 ${left} 个工作日（${r.deadline.count.due}）`;
}

const RequestItem = ({ r }: { r: RequestWithDeadline }) => (
  <li>
    <a href={`/desk/requests/${r.id}`}>{r.title}</a>{' '}
    <span class="small muted">
      {REQUEST_KIND_LABELS[r.kind]} · {r.department} · {REQUEST_STATUS_LABELS[r.status]} · {dueText(r)}
    </span>
  </li>
);

export function TodoPanel({ todo, chief }: { todo: Todo; chief: boolean }) {
  const empty = todo.dueSoon.length === 0 && todo.mine.length === 0 && todo.signoff.length === 0;
  return (
    <section class="card todo-panel" id="my-todo" aria-labelledby="todo-h">
      <h2 id="todo-h">我的待办</h2>
      {empty ? <p class="muted">暂无待办事项。</p> : null}
      {todo.dueSoon.length ? (
        <div id="todo-due">
          <h3>即将到期（{todo.dueSoonDays} 个工作日内或已超期）</h3>
          <ul>{todo.dueSoon.map((r) => <RequestItem r={r} />)}</ul>
        </div>
      ) : null}
      {todo.mine.length ? (
        <div id="todo-mine">
          <h3>我承办的送审件</h3>
          <ul>{todo.mine.map((r) => <RequestItem r={r} />)}</ul>
        </div>
      ) : null}
      {chief && todo.signoff.length ? (
        <div id="todo-signoff">
          <h3>待我签发</h3>
          <ul>
            {todo.signoff.map((s) => (
              <li>
                <a href={`/reviews/${encodeURIComponent(s.id)}`}>{s.title}</a> <span class="small muted">{s.department || '未填部门'} · 审查结论：{s.conclusion}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="small">
        <a href="/desk?mine=1">审查台：我的送审件</a> · <a href="/desk/deadlines.ics?mine=1">到期提醒（.ics）</a>
      </p>
    </section>
  );
}
