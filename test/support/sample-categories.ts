import type { CategoryDefinition } from '../../core/desk/desk-settings.js';
import type { ModuleType } from '../../core/desk/module-type.js';

const category = (name: ModuleType, keywords: string): CategoryDefinition => ({
  name,
  keywords: keywords.split(/\s+/).filter(Boolean),
});

/**
 * A keyword list of the kind a desk writes in desk.yaml: device names, the symptoms people type in
 * group chats, and the English words that come with software. No keyword sits in two categories
 * (desk.yaml validation forbids it), but some contain another's (系统 in 门禁系统, 卡 in 门禁卡) so
 * tests exercise how such overlaps settle.
 */
export const SAMPLE_CATEGORIES: CategoryDefinition[] = [
  category(
    '电脑',
    `电脑 台式机 笔记本 主机 显示器 屏幕 键盘 鼠标 蓝屏 黑屏 死机 开不了机 开机 重启 很卡 卡顿 中毒 病毒
     系统 软件 安装 硬盘 内存 驱动 U盘 邮箱 windows win10 win11 office word excel outlook wps usb`,
  ),
  category(
    '网络',
    `网络 上网 上不了网 断网 掉线 网速 网线 网口 无线 无线网 内网 外网 连不上 网页打不开 路由器 交换机
     ip冲突 wifi wi-fi vpn ip dns`,
  ),
  category(
    '打印机',
    `打印机 打印 复印 复印机 扫描 扫描仪 卡纸 缺纸 墨盒 硒鼓 碳粉 加粉 printer print toner scanner`,
  ),
  category('一卡通', `一卡通 饭卡 校园卡 工卡 卡 充值 圈存 余额 消费机 POS机 食堂 补卡 挂失 刷卡 扣款 水控`),
  category(
    '视频系统',
    `视频系统 视频会议 视频 会议系统 腾讯会议 投影 投影仪 大屏 摄像头 监控 录像 硬盘录像机 麦克风 话筒 音响
     没声音 画面 没信号 HDMI zoom NVR`,
  ),
  category(
    '电话',
    `电话 座机 分机 话机 拨号音 打不出去 打不通 占线 忙音 电话线 听筒 来电 呼叫转移 总机 IP电话 phone`,
  ),
  category(
    '门禁系统',
    `门禁系统 门禁 门禁卡 刷不开 开不了门 进不去 进不了门 门锁 电子锁 闸机 人脸识别 考勤机 指纹 道闸`,
  ),
  category('其他', `咨询 培训 借用 领用 空调`),
];

/** Every keyword, as the tokenizer's user dictionary is built from desk.yaml. */
export const sampleKeywords = (categories: readonly CategoryDefinition[] = SAMPLE_CATEGORIES): string[] =>
  categories.flatMap((c) => c.keywords);
