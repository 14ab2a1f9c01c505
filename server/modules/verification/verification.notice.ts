import { money } from '../../../shared/money.ts';
import { todayCst } from '../../../shared/month.ts';
import type { Notice, NoticeCell } from '../../documents/notice.ts';
import type { getVerification } from './verification.service.ts';

const RESULT_ZH = { pending: '未核查', confirmed: '属实', issue: '存在问题', false: '数据不实' } as const;

/** 核查问题通报: the findings of a verification by region, as a government notice. */
export function findingsNotice(v: Awaited<ReturnType<typeof getVerification>>, issuer: string): Notice {
  const findings = v.items.filter((i) => i.result === 'issue' || i.result === 'false');
  const regions = [...new Set(v.items.map((i) => i.region_name ?? i.region))];
  const checked = v.items.filter((i) => i.result !== 'pending').length;
  const cell = (text: string, align?: NoticeCell['align']): NoticeCell => ({ text, align });
  return {
    title: [`关于${v.title}发现问题的通报`],
    recipients: '各区人民政府，各开发区管委会：',
    blocks: [
      {
        kind: 'paragraph',
        text: `按照月通报、季检查、半年核查工作机制，对${regions.length}个地区${v.period.slice(0, 4)}年${v.period.endsWith('H1') ? '上' : '下'}半年实际利用内外资填报情况随机抽取${v.items.length}条记录（每区不超过${v.sample_size}条，抽样种子${v.seed}）进行核查，已核查${checked}条，发现问题${findings.length}条。现将有关情况通报如下。`,
      },
      { kind: 'heading', level: 1, text: '一、发现的问题' },
      findings.length
        ? {
            kind: 'table',
            table: {
              caption: '表1 核查发现问题清单',
              unit: '单位：万元/万美元',
              columns: [
                { width: 1 },
                { width: 2 },
                { width: 4, align: 'left', wrap: true },
                { width: 1.5 },
                { width: 1.6, align: 'right' },
                { width: 1.5 },
                { width: 4, align: 'left', wrap: true },
              ],
              header: [
                [
                  cell('序号'),
                  cell('地区'),
                  cell('项目'),
                  cell('月份'),
                  cell('金额'),
                  cell('结论'),
                  cell('问题'),
                ],
              ],
              body: findings.map((f, i) => [
                cell(String(i + 1)),
                cell(f.region_name ?? f.region),
                cell(f.project_name, 'left'),
                cell(f.month),
                cell(money(f.amount), 'right'),
                cell(RESULT_ZH[f.result]),
                cell(f.finding ?? '', 'left'),
              ]),
            },
          }
        : { kind: 'paragraph', text: '本次核查未发现问题。' },
      { kind: 'heading', level: 1, text: '二、整改要求' },
      {
        kind: 'paragraph',
        text: '请有关区对照问题清单逐项整改，在整改期限内将整改情况和佐证材料报送市合作交流办。核查认定不实的数据已从统计中核减，并在下一期月通报中予以更正。',
      },
    ],
    issuer,
    date: todayCst(),
  };
}
