import { HolderOutlined, SwapRightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Spin, Typography, theme } from 'antd';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Stage } from '../../../../shared/enums.ts';
import { PIPELINE } from '../../../../shared/schemas/projects.ts';
import type { Me } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import { Money } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ProjectFilterBar } from '../components/ProjectFilterBar.tsx';
import { ProjectViewSwitch } from '../components/ProjectViewSwitch.tsx';
import { StageTag } from '../components/StageTag.tsx';
import { TransitionDialog, isAllowedMove, nextStage } from '../components/TransitionDialog.tsx';
import { useProjectList } from '../hooks/useProjects.ts';
import type { ProjectDto } from '../types.ts';
import { mayWriteProject } from '../utils/access.ts';
import { exportQuery, readListState, writeListState, type Filters } from '../utils/filters.ts';
import { moneyUnit } from '../utils/labels.ts';

const COLUMNS: Stage[] = [...PIPELINE, 'dropped'];
const PER_COLUMN = 30;

interface CardProps {
  project: ProjectDto;
  me: Me;
  onDragStart: (p: ProjectDto) => void;
  onDragEnd: () => void;
  onMove: (p: ProjectDto) => void;
}

function ProjectCard({ project: p, me, onDragStart, onDragEnd, onMove }: CardProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const movable = p.stage !== 'dropped' && mayWriteProject(me, p);
  const handleDragStart = (e: DragEvent<HTMLDivElement>) => {
    e.dataTransfer.setData('text/plain', p.id);
    e.dataTransfer.effectAllowed = 'move';
    onDragStart(p);
  };
  return (
    <div
      draggable={movable}
      onDragStart={movable ? handleDragStart : undefined}
      onDragEnd={onDragEnd}
      data-testid="board-card"
      data-project={p.id}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        padding: '6px 8px',
        cursor: movable ? 'grab' : 'default',
        boxShadow: '0 1px 2px rgba(0,0,0,0.04)',
      }}
    >
      <Flex justify="space-between" align="start" gap={4}>
        <Link
          to={`/projects/${p.id}`}
          style={{
            fontWeight: 500,
            lineHeight: 1.35,
            display: '-webkit-box',
            WebkitLineClamp: 2,
            WebkitBoxOrient: 'vertical',
            overflow: 'hidden',
          }}
          title={p.name}
        >
          {p.name}
        </Link>
        {movable ? (
          <Button
            type="text"
            size="small"
            icon={<SwapRightOutlined />}
            onClick={() => onMove(p)}
            title={t('projects.detail.transition')}
            aria-label={`${t('projects.detail.transition')}：${p.name}`}
          />
        ) : null}
      </Flex>
      <div
        title={p.investor_name}
        style={{
          fontSize: 12,
          color: token.colorTextSecondary,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
        }}
      >
        {p.investor_name}
      </div>
      <Flex justify="space-between" align="center" wrap style={{ marginTop: 4, fontSize: 12, columnGap: 6 }}>
        <Money value={p.planned_amount} unit={moneyUnit(p)} showUnit />
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {p.region_name}
        </Typography.Text>
      </Flex>
    </div>
  );
}

interface ColumnProps {
  stage: Stage;
  filters: Filters;
  dragging: ProjectDto | null;
  me: Me;
  onDragStart: (p: ProjectDto) => void;
  onDragEnd: () => void;
  onDrop: (p: ProjectDto, to: Stage) => void;
  onMove: (p: ProjectDto) => void;
}

function BoardColumn({ stage, filters, dragging, me, onDragStart, onDragEnd, onDrop, onMove }: ColumnProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [over, setOver] = useState(false);
  const query = {
    ...exportQuery({ filters: { ...filters, stage }, sort: '-stage_date' }),
    page: 1,
    page_size: PER_COLUMN,
  };
  const list = useProjectList(query);
  const total = list.data?.total ?? 0;
  const items = list.data?.items ?? [];
  const allowed = !!dragging && isAllowedMove(dragging.stage, stage);
  const refused = !!dragging && !allowed && dragging.stage !== stage;
  const next = dragging ? nextStage(dragging.stage) : null;

  const handleDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!allowed) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const handleDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (dragging && allowed) onDrop(dragging, stage);
  };
  const moreSearch = writeListState({
    filters: { ...filters, stage },
    sort: '-stage_date',
    page: 1,
    pageSize: 20,
  });

  return (
    <div
      role="region"
      aria-label={t(`projects.stage.${stage}`)}
      data-testid={`board-column-${stage}`}
      onDragOver={handleDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={handleDrop}
      style={{
        flex: '1 1 0',
        minWidth: 142,
        display: 'flex',
        flexDirection: 'column',
        background: over ? token.colorPrimaryBg : token.colorFillQuaternary,
        border: `1px ${allowed ? 'dashed' : 'solid'} ${allowed ? token.colorPrimary : token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        opacity: refused ? 0.55 : 1,
        transition: 'background 120ms, opacity 120ms',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '8px 10px' }}>
        <StageTag stage={stage} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('projects.board.count', { count: total })}
        </Typography.Text>
      </Flex>
      {refused && next !== null && stage !== 'dropped' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, padding: '0 10px 6px' }}>
          {t('projects.board.onlyNext', {
            from: t(`projects.stage.${dragging.stage}`),
            next: t(`projects.stage.${next}`),
          })}
        </Typography.Text>
      ) : null}
      <Flex
        vertical
        gap={8}
        style={{ padding: '0 6px 8px', overflowY: 'auto', maxHeight: 'calc(100vh - 300px)', minHeight: 120 }}
      >
        {list.isPending ? (
          <Spin style={{ margin: 24 }} />
        ) : items.length ? (
          items.map((p) => (
            <ProjectCard
              key={p.id}
              project={p}
              me={me}
              onDragStart={onDragStart}
              onDragEnd={onDragEnd}
              onMove={onMove}
            />
          ))
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={allowed ? t('projects.board.dropHere') : t('projects.board.empty')}
          />
        )}
        {total > items.length ? (
          <Link to={`/projects?${moreSearch.toString()}`} style={{ fontSize: 12, textAlign: 'center' }}>
            {t('projects.board.more', { count: total - items.length })}
          </Link>
        ) : null}
      </Flex>
    </div>
  );
}

/** 看板: projects by stage; dragging a card to the next stage (or 终止) opens the transition dialog. */
export function ProjectBoardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const state = readListState(sp);
  const filters: Filters = { ...state.filters, stage: undefined };
  const [dragging, setDragging] = useState<ProjectDto | null>(null);
  const [moving, setMoving] = useState<{ project: ProjectDto; to?: Stage } | null>(null);
  const writer = ['admin', 'office', 'department', 'district'].includes(me.role);

  const handleFilters = (f: Filters) =>
    setSp(writeListState({ ...state, filters: { ...f, stage: undefined }, page: 1 }), { replace: true });

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        extra={<ProjectViewSwitch value="board" />}
      />
      <ProjectFilterBar filters={filters} onChange={handleFilters} compact />
      <Card
        size="small"
        styles={{ body: { padding: 8 } }}
        title={
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
            <HolderOutlined /> {writer ? t('projects.board.hint') : t('projects.board.readOnly')}
          </Typography.Text>
        }
      >
        <Flex gap={8} style={{ overflowX: 'auto', paddingBottom: 4 }} data-testid="project-board">
          {COLUMNS.map((s) => (
            <BoardColumn
              key={s}
              stage={s}
              filters={filters}
              dragging={dragging}
              me={me}
              onDragStart={setDragging}
              onDragEnd={() => setDragging(null)}
              onDrop={(p, to) => {
                setDragging(null);
                setMoving({ project: p, to });
              }}
              onMove={(p) => setMoving({ project: p })}
            />
          ))}
        </Flex>
      </Card>
      {moving ? (
        <TransitionDialog
          project={moving.project}
          initialTo={moving.to}
          open
          onClose={() => setMoving(null)}
        />
      ) : null}
    </>
  );
}
