import { useCallback, useEffect, useState } from 'react';
import type { Filters } from '../utils/filters.ts';

/** A named set of filters and sort the user saved for the project list. */
export interface SavedView {
  name: string;
  filters: Filters;
  sort?: string;
  saved_at: string;
}

const storageKey = (userId: string) => `magnet.projects.views.${userId}`;

function read(userId: string): SavedView[] {
  try {
    const raw = window.localStorage.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        !!v && typeof v === 'object' && typeof v.name === 'string' && typeof v.filters === 'object',
    );
  } catch {
    return [];
  }
}

function write(userId: string, views: SavedView[]) {
  try {
    window.localStorage.setItem(storageKey(userId), JSON.stringify(views));
  } catch {
    // storage full or disabled: the views last for this page only
  }
}

/** Saved views of the project list, per user, in localStorage (another tab's changes are picked up). */
export function useSavedViews(userId: string) {
  const [views, setViews] = useState<SavedView[]>(() => read(userId));

  useEffect(() => {
    setViews(read(userId));
    const handleStorage = (e: StorageEvent) => {
      if (e.key === storageKey(userId)) setViews(read(userId));
    };
    window.addEventListener('storage', handleStorage);
    return () => window.removeEventListener('storage', handleStorage);
  }, [userId]);

  const save = useCallback(
    (view: Omit<SavedView, 'saved_at'>) => {
      const next = [
        ...read(userId).filter((v) => v.name !== view.name),
        { ...view, saved_at: new Date().toISOString() },
      ].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      write(userId, next);
      setViews(next);
    },
    [userId],
  );

  const remove = useCallback(
    (name: string) => {
      const next = read(userId).filter((v) => v.name !== name);
      write(userId, next);
      setViews(next);
    },
    [userId],
  );

  return { views, save, remove };
}
