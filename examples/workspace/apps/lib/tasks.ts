export interface Task {
  title: string;
  done: boolean;
}

export function summarize(tasks: readonly Task[]): { done: number; total: number } {
  return { done: tasks.filter((t) => t.done).length, total: Math.max(1, tasks.length) };
}
