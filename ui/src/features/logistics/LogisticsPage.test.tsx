import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { Reject } from '../../test/ipcMock';
import * as fx from '../../test/logisticsFixtures';
import { renderLogisticsPage } from './renderLogisticsPage';

const rows = () => screen.getAllByTestId('parcel-row');
const rowOf = (id: string) => {
  const row = rows().find((r) => r.getAttribute('data-parcel-id') === id);
  if (!row) throw new Error(`no parcel ${id}`);
  return row;
};
const alertsOf = (id: string) => within(rowOf(id)).queryAllByTestId('parcel-alert');

describe('logistics: the list', () => {
  it('every parcel in core’s order, its state in words, number, campaign and newest scan', async () => {
    renderLogisticsPage();
    await screen.findAllByTestId('parcel-row');
    expect(rows().map((r) => r.getAttribute('data-parcel-id'))).toEqual([
      '12',
      '16',
      '11',
      '13',
      '14',
      '15',
    ]);
    expect(rows().map((r) => r.getAttribute('data-state'))).toEqual([
      'refused',
      'delivered',
      'in_transit',
      'delivered',
      'none',
      'none',
    ]);
    expect(screen.getByTestId('parcel-count')).toHaveTextContent('6 个');

    const silent = rowOf('11');
    expect(silent).toHaveAttribute('data-tracking-no', 'SF1420123456789');
    expect(within(silent).getByTestId('parcel-state')).toHaveTextContent('运输中');
    expect(within(silent).getByTestId('parcel-carrier-name')).toHaveTextContent('顺丰速运');
    expect(within(silent).getByTestId('parcel-tracking-no')).toHaveTextContent('SF1420123456789');
    expect(within(silent).getByTestId('parcel-copy')).toBeInTheDocument();
    expect(within(silent).getByTestId('parcel-campaign')).toHaveTextContent(
      '珀莱雅双抗精华 30ml 测评 · 珀莱雅',
    );
    expect(within(silent).getByTestId('parcel-leg')).toHaveTextContent('寄来的样品');
    // The carrier's Beijing time, to the minute, with the text and the area.
    expect(within(silent).getByTestId('parcel-last-event')).toHaveTextContent(
      '2026-03-25 06:12【杭州转运中心】已发出，下一站【杭州西湖区文三路营业点】浙江省杭州市',
    );

    expect(within(rowOf('12')).getByTestId('parcel-state')).toHaveTextContent('已拒收');
    expect(within(rowOf('14')).getByTestId('parcel-state')).toHaveTextContent('待查询');
    expect(within(rowOf('14')).getByTestId('parcel-leg')).toHaveTextContent(
      '寄回品牌方 · 2026-03-30 前寄回',
    );
    expect(within(rowOf('13')).getByTestId('parcel-campaign')).toHaveTextContent('未关联合作');
    expect(within(rowOf('15')).getByTestId('parcel-phone-missing')).toHaveTextContent(
      '缺少收件人手机尾号',
    );
  });

  it('alerts worded from their code and figures, with the rule; never core’s English', async () => {
    renderLogisticsPage();
    await screen.findAllByTestId('parcel-row');
    const [refused] = alertsOf('12');
    expect(refused).toHaveAttribute('data-code', 'refused');
    expect(refused).toHaveAttribute('data-tone', 'danger');
    expect(refused).toHaveTextContent('包裹已被拒收，请尽快告知品牌方。');
    expect(within(refused as HTMLElement).getByTestId('parcel-alert-rule')).toHaveTextContent(
      'R-REVIEW-16',
    );
    const [silent] = alertsOf('11');
    expect(silent).toHaveTextContent('已经 3 天没有新的物流动态。');
    expect(within(silent as HTMLElement).queryByTestId('parcel-alert-rule')).toBeNull();
    expect(alertsOf('13')[0]).toHaveTextContent(
      '快递显示已签收 39 小时：请确认是否收到样品；如果没有收到，请尽快告知品牌方。',
    );
    expect(alertsOf('14')[0]).toHaveTextContent('样品需在 2026-03-30 前寄回品牌方，还剩 2 天。');
    expect(alertsOf('15')).toEqual([]);
    expect(screen.getByTestId('logistics-page')).not.toHaveTextContent(/English|CLI/);
  });

  it('R-REVIEW-13 and R-REVIEW-10: a sample too late, with its arrival and ready days, shipped late on its day', async () => {
    renderLogisticsPage();
    await screen.findAllByTestId('parcel-row');
    const [tooLate, shippedLate] = alertsOf('16');
    expect(tooLate).toHaveAttribute('data-code', 'delivered_too_late');
    expect(tooLate).toHaveAttribute('data-tone', 'danger');
    expect(tooLate).toHaveTextContent(
      '样品到得太晚：按 2026-03-27 到手、通常的制作时间计算，作品要到 2026-03-30 才能完成，比上传截止日（2026-03-25）晚 5 天，请向品牌方申请延期。',
    );
    expect(within(tooLate as HTMLElement).getByTestId('parcel-alert-rule')).toHaveTextContent(
      'R-REVIEW-13',
    );
    expect(shippedLate).toHaveAttribute('data-code', 'shipped_late');
    expect(shippedLate).toHaveTextContent(
      '品牌方 2026-03-18 才寄出样品，比逾期寄样起算日（2026-03-10）晚 8 天，延误责任在品牌方，可以向品牌方申请延期。',
    );
    expect(within(shippedLate as HTMLElement).getByTestId('parcel-brand-fault')).toHaveTextContent(
      '责任在品牌方',
    );
    expect(within(tooLate as HTMLElement).queryByTestId('parcel-brand-fault')).toBeNull();
  });

  it('R-REVIEW-10: a sample the brand has not shipped, its dates, and whose fault it is', async () => {
    const { navigation, user } = renderLogisticsPage();
    const row = await screen.findByTestId('awaiting-row');
    expect(row).toHaveAttribute('data-application-id', 'A7');
    expect(row).toHaveTextContent('网易严选乳胶枕测评');
    expect(within(row).getByTestId('awaiting-dates')).toHaveTextContent(
      '寄样截止 2026-03-202026-03-25 之后寄出，延误责任在品牌方',
    );
    const alert = within(row).getByTestId('parcel-alert');
    expect(alert).toHaveAttribute('data-code', 'not_shipped');
    expect(alert).toHaveTextContent('品牌方没有在 2026-03-20 前寄出样品，已逾期 8 天。');
    expect(within(alert).getByTestId('parcel-brand-fault')).toHaveTextContent('责任在品牌方');
    expect(within(alert).getByTestId('parcel-alert-rule')).toHaveTextContent('R-REVIEW-10');
    // The drafted message, folded in the list until asked for.
    expect(within(row).queryByTestId('parcel-draft-text')).toBeNull();
    await user.click(within(row).getByTestId('parcel-draft-toggle'));
    expect(within(row).getByTestId('parcel-draft-text')).toHaveValue(fx.awaiting.alerts[0]?.draft);
    // Parcels on the way carry no such marker.
    expect(within(rowOf('11')).queryByTestId('parcel-brand-fault')).toBeNull();
    await user.click(within(row).getByTestId('awaiting-open-application'));
    expect(navigation.go).toHaveBeenCalledWith('campaigns', 'A7');
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    renderLogisticsPage();
    await screen.findAllByTestId('parcel-row');
    expect(within(rowOf('11')).getByTestId('parcel-state')).toHaveTextContent('In transit');
    expect(within(rowOf('11')).getByTestId('parcel-carrier-name')).toHaveTextContent('SF Express');
    expect(within(rowOf('12')).getByTestId('parcel-state')).toHaveTextContent('Refused');
    expect(alertsOf('12')[0]).toHaveTextContent('The parcel was refused: tell the brand promptly.');
    expect(alertsOf('11')[0]).toHaveTextContent('No new tracking event for 3 days.');
    expect(alertsOf('16')[0]).toHaveTextContent(
      'The sample comes too late: counting it in hand on 2026-03-27, the usual production time makes the work ready on 2026-03-30, 5 days after the upload deadline (2026-03-25). Ask the brand for more time.',
    );
    expect(alertsOf('16')[1]).toHaveTextContent(
      'The brand shipped the sample on 2026-03-18, 8 days after the late-shipping date (2026-03-10): the delay is the brand’s fault, and you may ask for more time.',
    );
    expect(within(rowOf('16')).getByTestId('parcel-carrier-name')).toHaveTextContent(
      'Yunda Express',
    );
    expect(alertsOf('14')[0]).toHaveTextContent(
      'The sample must go back to the brand by 2026-03-30: 2 days left.',
    );
    expect(within(rowOf('14')).getByTestId('parcel-leg')).toHaveTextContent(
      'Return to the brand · Send back by 2026-03-30',
    );
    const awaiting = screen.getByTestId('awaiting-row');
    expect(within(awaiting).getByTestId('parcel-brand-fault')).toHaveTextContent('Brand’s fault');
    expect(screen.getByTestId('parcel-count')).toHaveTextContent('6 parcels');
  });

  it('not set up (no account, no demo): a banner that leads to settings', async () => {
    const { navigation, user } = renderLogisticsPage({
      logistics: () => ({ ...fx.view, tracking: fx.trackingNone }),
    });
    const banner = await screen.findByTestId('tracking-banner');
    expect(banner).toHaveTextContent('查询物流需要快递100账号');
    await user.click(screen.getByTestId('tracking-banner-settings'));
    expect(navigation.openSettings).toHaveBeenCalledWith('tracking');
  });

  it('the demo sandbox or an account: no banner', async () => {
    renderLogisticsPage();
    expect(await screen.findByTestId('tracking-sandbox-note')).toHaveTextContent('演示模式');
    expect(screen.queryByTestId('tracking-banner')).toBeNull();
  });

  it('nothing to track: says so, and how parcels come', async () => {
    renderLogisticsPage({
      logistics: () => ({ parcels: [], awaiting: [], tracking: fx.trackingSet }),
    });
    expect(await screen.findByTestId('logistics-empty')).toHaveTextContent('还没有要跟踪的包裹');
    expect(screen.queryByTestId('tracking-banner')).toBeNull();
    expect(screen.queryByTestId('tracking-sandbox-note')).toBeNull();
    expect(screen.queryByTestId('awaiting-section')).toBeNull();
  });

  it('a failed load says why in words, with 重试', async () => {
    renderLogisticsPage({
      logistics: () => {
        throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
      },
    });
    expect(
      await screen.findByText('无法读取物流信息：本地数据库出错 (store_failed)'),
    ).toBeVisible();
    expect(screen.getByText('重试')).toBeInTheDocument();
  });
});
