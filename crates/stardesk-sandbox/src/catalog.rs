//! The vocabulary the generator draws from: industries, products, selling points, brand
//! name parts, title templates, requirements. Brand names are invented by composing parts;
//! they are not meant to be (and should not be extended into) real trademarks.

use std::collections::HashSet;
use std::sync::OnceLock;

use stardesk_platform::wire::{Category, ContentForm, SettlementMode};

use crate::rng::SplitMix64;

#[derive(Debug)]
pub(crate) struct Industry {
    pub(crate) name: &'static str,
    /// Share of the task hall; beauty dominates it on the real platform.
    pub(crate) weight: u32,
    pub(crate) products: &'static [&'static str],
    pub(crate) selling_points: &'static [&'static str],
    pub(crate) brand_suffixes: &'static [&'static str],
    /// Retail price range of a sample, yuan. `None` where there is nothing to ship
    /// (services, finance, games), so such industries never run product-review campaigns.
    pub(crate) sample_price: Option<(i64, i64)>,
}

/// 面霜 is listed several times on purpose: it is the product other crates' tests search for.
pub(crate) const INDUSTRIES: &[Industry] = &[
    Industry {
        name: "美妆",
        weight: 16,
        products: &[
            "面霜",
            "面霜",
            "修护面霜",
            "精华液",
            "防晒霜",
            "洗面奶",
            "口红",
            "粉底液",
            "眼霜",
            "面膜",
            "卸妆油",
            "化妆水",
            "眼影盘",
            "气垫",
        ],
        selling_points: &[
            "成分温和",
            "质地轻薄",
            "敏感肌可用",
            "上脸服帖",
            "高颜值包装",
            "效果看得见",
        ],
        brand_suffixes: &[
            "",
            "肌研",
            "颜究所",
            "本草",
            "植萃",
            "美学",
            "妆研社",
            "之谜",
        ],
        sample_price: Some((59, 899)),
    },
    Industry {
        name: "个护清洁",
        weight: 8,
        products: &[
            "洗发水",
            "沐浴露",
            "牙膏",
            "电动牙刷",
            "男士面霜",
            "身体乳",
            "洗衣凝珠",
            "护发精油",
        ],
        selling_points: &[
            "温和低敏",
            "清爽不黏腻",
            "香味高级",
            "家庭装实惠",
            "成分安心",
        ],
        brand_suffixes: &["", "净研", "优护", "清集", "植物志", "日化", "洁品"],
        sample_price: Some((39, 399)),
    },
    Industry {
        name: "食品饮料",
        weight: 10,
        products: &[
            "咖啡",
            "冻干咖啡",
            "燕麦片",
            "坚果礼盒",
            "气泡水",
            "即食鸡胸肉",
            "低糖饼干",
            "螺蛳粉",
            "原叶茶包",
        ],
        selling_points: &[
            "原料可溯源",
            "口感好",
            "配料表干净",
            "方便即食",
            "办公室囤货必备",
        ],
        brand_suffixes: &["", "食研", "食记", "味道", "小馆", "良铺", "牧场", "食品"],
        sample_price: Some((39, 299)),
    },
    Industry {
        name: "母婴亲子",
        weight: 7,
        products: &[
            "奶粉",
            "纸尿裤",
            "儿童面霜",
            "婴儿推车",
            "辅食机",
            "儿童水杯",
            "婴儿湿巾",
        ],
        selling_points: &[
            "安全无添加",
            "通过母婴级检测",
            "宝妈口碑好",
            "省心省力",
            "宝宝爱用",
        ],
        brand_suffixes: &["", "宝贝", "童趣", "亲子", "萌宝", "育儿坊", "小象"],
        sample_price: Some((49, 1999)),
    },
    Industry {
        name: "3C数码",
        weight: 8,
        products: &[
            "蓝牙耳机",
            "降噪耳机",
            "充电宝",
            "智能手表",
            "平板电脑",
            "机械键盘",
            "投影仪",
            "无线充电器",
        ],
        selling_points: &["续航持久", "轻薄便携", "做工扎实", "连接稳定", "颜值在线"],
        brand_suffixes: &["", "科技", "智能", "声学", "数码", "电子", "智造"],
        sample_price: Some((99, 2999)),
    },
    Industry {
        name: "家用电器",
        weight: 7,
        products: &[
            "扫地机器人",
            "空气炸锅",
            "吹风机",
            "洗地机",
            "电饭煲",
            "破壁机",
            "空气净化器",
            "净水器",
        ],
        selling_points: &["操作简单", "低噪节能", "智能控制", "颜值在线", "省时省力"],
        brand_suffixes: &["", "电器", "智家", "小电", "家电", "优品"],
        sample_price: Some((99, 2999)),
    },
    Industry {
        name: "服饰内衣",
        weight: 6,
        products: &[
            "羽绒服",
            "卫衣",
            "牛仔裤",
            "无钢圈内衣",
            "防晒衣",
            "连衣裙",
            "针织开衫",
        ],
        selling_points: &["显瘦百搭", "亲肤透气", "版型挺括", "面料舒适", "性价比高"],
        brand_suffixes: &["", "衣橱", "制衣", "服饰", "衣社", "女装", "针织"],
        sample_price: Some((59, 1299)),
    },
    Industry {
        name: "鞋靴箱包",
        weight: 5,
        products: &["跑鞋", "帆布鞋", "双肩包", "行李箱", "通勤托特包", "马丁靴"],
        selling_points: &["轻便耐用", "做工精细", "百搭通勤", "性价比高"],
        brand_suffixes: &["", "鞋履", "箱包", "步履", "行者", "皮具"],
        sample_price: Some((79, 1599)),
    },
    Industry {
        name: "珠宝配饰",
        weight: 3,
        products: &["足金项链", "珍珠耳饰", "银手链", "发夹", "太阳镜"],
        selling_points: &["设计感小众", "送礼有面", "不易过敏", "精工打磨"],
        brand_suffixes: &["", "珠宝", "饰界", "金坊", "首饰"],
        sample_price: Some((59, 2999)),
    },
    Industry {
        name: "家居家装",
        weight: 5,
        products: &[
            "香薰蜡烛",
            "收纳盒",
            "智能门锁",
            "落地灯",
            "地毯",
            "懒人沙发",
            "厨房置物架",
        ],
        selling_points: &["提升幸福感", "安装简单", "简约百搭", "品质耐用"],
        brand_suffixes: &["", "家居", "生活馆", "木作", "居物", "空间"],
        sample_price: Some((39, 2999)),
    },
    Industry {
        name: "汽车",
        weight: 3,
        products: &[
            "行车记录仪",
            "车载香薰",
            "汽车脚垫",
            "车载吸尘器",
            "儿童安全座椅",
            "车载手机支架",
        ],
        selling_points: &["安装便捷", "做工扎实", "车主口碑好", "适配主流车型"],
        brand_suffixes: &["", "车品", "出行", "汽配", "车研"],
        sample_price: Some((59, 2999)),
    },
    Industry {
        name: "游戏",
        weight: 4,
        products: &[
            "手游新版本",
            "新游预约",
            "休闲小游戏",
            "电竞赛事直播",
            "游戏礼包",
        ],
        selling_points: &["画面精美", "玩法创新", "福利丰厚", "上手简单"],
        brand_suffixes: &["", "游戏", "互娱", "网络", "工作室"],
        sample_price: None,
    },
    Industry {
        name: "教育培训",
        weight: 3,
        products: &["英语课程", "少儿编程课", "练字课", "考研网课", "职场技能课"],
        selling_points: &["名师授课", "体系化学习", "随到随学", "学习效果可见"],
        brand_suffixes: &["", "教育", "学堂", "课堂", "学苑"],
        sample_price: None,
    },
    Industry {
        name: "旅游出行",
        weight: 3,
        products: &["酒店套餐", "景区门票", "亲子游套餐", "民宿", "机票盲盒"],
        selling_points: &["性价比高", "出片率高", "行程省心", "随时可退"],
        brand_suffixes: &["", "旅行", "假期", "出游", "旅居"],
        sample_price: None,
    },
    Industry {
        name: "本地生活",
        weight: 5,
        products: &[
            "火锅套餐",
            "咖啡馆团购",
            "健身月卡",
            "美甲套餐",
            "剧本杀体验",
        ],
        selling_points: &["到店即享", "环境出片", "人均实惠", "新店开业福利"],
        brand_suffixes: &["", "小馆", "生活", "到家", "集市"],
        sample_price: None,
    },
    Industry {
        name: "医疗健康",
        weight: 3,
        products: &["复合维生素", "蛋白粉", "益生菌", "颈椎按摩仪", "护眼仪"],
        selling_points: &["品质可靠", "便携易用", "成分透明", "适合久坐人群"],
        brand_suffixes: &["", "健康", "医研", "康品", "生物"],
        sample_price: Some((59, 999)),
    },
    Industry {
        name: "运动户外",
        weight: 5,
        products: &[
            "瑜伽垫",
            "专业跑鞋",
            "冲锋衣",
            "露营帐篷",
            "骑行头盔",
            "筋膜枪",
            "跳绳",
        ],
        selling_points: &["轻量耐用", "专业品质", "新手友好", "性价比高"],
        brand_suffixes: &["", "运动", "户外", "体育", "野营"],
        sample_price: Some((39, 1999)),
    },
    Industry {
        name: "宠物",
        weight: 5,
        products: &[
            "猫粮",
            "狗粮",
            "猫砂",
            "宠物冻干",
            "自动喂食器",
            "宠物饮水机",
        ],
        selling_points: &["毛孩子爱用", "成分安心", "铲屎官省心", "性价比高"],
        brand_suffixes: &["", "宠物", "萌宠", "喵屋", "汪社"],
        sample_price: Some((39, 699)),
    },
    Industry {
        name: "图书文娱",
        weight: 3,
        products: &["儿童绘本", "畅销小说", "手账本", "拼装积木", "桌游"],
        selling_points: &["寓教于乐", "装帧精美", "全家可玩", "口碑热销"],
        brand_suffixes: &["", "书局", "文创", "出版", "玩具"],
        sample_price: Some((39, 499)),
    },
    Industry {
        name: "金融",
        weight: 2,
        products: &["信用卡", "理财入门课", "记账App"],
        selling_points: &["新户有礼", "权益丰富", "门槛低", "安全合规"],
        brand_suffixes: &["", "金服", "财富", "银行", "保险"],
        sample_price: None,
    },
    Industry {
        name: "酒类",
        weight: 3,
        products: &["白酒", "精酿啤酒", "果酒", "葡萄酒", "米酒"],
        selling_points: &["口感绵柔", "微醺不上头", "宴请有面", "原浆酿造"],
        brand_suffixes: &["", "酒业", "酒庄", "酿造", "酒坊"],
        sample_price: Some((59, 1999)),
    },
    Industry {
        name: "生鲜",
        weight: 4,
        products: &["车厘子", "原切牛排", "大闸蟹", "三文鱼", "丑橘", "海鲜礼盒"],
        selling_points: &["产地直发", "冷链到家", "鲜甜多汁", "现捕现发"],
        brand_suffixes: &["", "鲜生", "果园", "农场", "海鲜"],
        sample_price: Some((49, 599)),
    },
    Industry {
        name: "家纺",
        weight: 3,
        products: &[
            "四件套",
            "乳胶枕",
            "蚕丝被",
            "冰丝凉席",
            "纯棉毛巾",
            "记忆棉枕",
        ],
        selling_points: &["A类母婴级面料", "亲肤裸睡", "透气不闷热", "回弹护颈"],
        brand_suffixes: &["", "家纺", "织造", "棉品", "寝具"],
        sample_price: Some((49, 1299)),
    },
    Industry {
        name: "日用百货",
        weight: 3,
        products: &["抽纸", "保鲜袋", "平板拖把", "厨房湿巾", "垃圾袋"],
        selling_points: &["厚实耐用", "囤货划算", "一擦即净", "家庭装更实惠"],
        brand_suffixes: &["", "百货", "日用", "生活家"],
        sample_price: Some((39, 199)),
    },
];

/// Invented two-character brand stems, in the style of the platform's homegrown brands
/// (a poetic word, a season, a place-like name). Each brand is a stem plus, often, an
/// industry word ("栖月本草", "北屿科技") — or the bare stem.
const BRAND_STEMS: &[&str] = &[
    "栖月", "鹿野", "初禾", "澜溪", "沐光", "拾光", "半亩", "南枝", "北屿", "知夏", "向阳", "晴空",
    "青禾", "云朵", "蜜柚", "椰岛", "森屿", "星野", "素言", "悦己", "暖阳", "觅香", "朵拉", "可心",
    "意造", "简木", "岚山", "谷雨", "白露", "橙意", "鲸落", "山茶", "海盐", "川谷", "野莓", "芒种",
    "立夏", "初雪", "暮云", "听溪", "望舒", "千岛", "一禾", "柒月", "久屿", "花间", "半夏", "木槿",
    "荼白", "凛冬", "溪山", "拾月", "知鹿", "蓝鲸", "若水", "清和", "霁青", "松间", "月见", "予你",
];

/// Brands per industry; 24 industries × 12 gives the task hall well over 200 brands.
const BRANDS_PER_INDUSTRY: usize = 12;

/// The brand names of each industry, parallel to [`INDUSTRIES`]. Fixed for every seed so a
/// brand keeps its name across datasets; unique across industries.
pub(crate) fn brands() -> &'static [Vec<String>] {
    static BRANDS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    BRANDS.get_or_init(|| {
        let mut rng = SplitMix64::new(0xB2A4_D5EE_D000_0001);
        let mut seen = HashSet::new();
        INDUSTRIES
            .iter()
            .map(|industry| {
                let mut list = Vec::with_capacity(BRANDS_PER_INDUSTRY);
                // Each industry has stems × suffixes ≥ 180 combinations, far more than
                // it takes, so this loop ends quickly.
                while list.len() < BRANDS_PER_INDUSTRY {
                    let name = format!(
                        "{}{}",
                        rng.pick(BRAND_STEMS),
                        rng.pick(industry.brand_suffixes)
                    );
                    if seen.insert(name.clone()) {
                        list.push(name);
                    }
                }
                list
            })
            .collect()
    })
}

/// A title template: `{b}` is the brand, `{p}` the product; a template that names a
/// format (直播, 图文) forces that content form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TitleTemplate {
    pub(crate) pattern: &'static str,
    pub(crate) form: Option<ContentForm>,
}

const fn t(pattern: &'static str) -> TitleTemplate {
    TitleTemplate {
        pattern,
        form: None,
    }
}

const fn live(pattern: &'static str) -> TitleTemplate {
    TitleTemplate {
        pattern,
        form: Some(ContentForm::Live),
    }
}

const fn picture(pattern: &'static str) -> TitleTemplate {
    TitleTemplate {
        pattern,
        form: Some(ContentForm::Picture),
    }
}

const REVIEW_TITLES: &[TitleTemplate] = &[
    t("【好物测评】{b}{p}真实体验官招募"),
    t("【好物测评】{b}新品{p}免费试用"),
    t("{b}{p}测评达人招募（免费寄样）"),
    t("【好物测评】{b}{p}开箱体验官"),
    t("{b}{p}真实测评｜寄样招募"),
    picture("【好物测评】{b}{p}图文测评招募"),
];

const PAID_TITLES: &[TitleTemplate] = &[
    t("{b}{p}达人招募｜种草短视频"),
    t("{b}{p}品牌合作达人招募"),
    live("{b}{p}直播带货达人招募"),
    picture("{b}{p}图文种草招募"),
    t("{b}{p}节日营销内容招募"),
];

const SUBMISSION_TITLES: &[TitleTemplate] = &[
    t("{b}{p}种草短视频投稿"),
    t("【全民投稿】{b}{p}创意视频征集"),
    t("{b}{p}使用心得视频征稿"),
    t("{b}{p}好物分享｜投稿赢奖励"),
    picture("{b}{p}图文笔记投稿"),
];

const ASSIGNED_TITLES: &[TitleTemplate] = &[
    live("{b}新品{p}直播口播（指派）"),
    t("{b}{p}定制短视频（一口价）"),
    t("{b}{p}剧情植入（指派）"),
    t("{b}{p}品牌口播（指派）"),
];

const PREFERRED_TITLES: &[TitleTemplate] = &[
    t("优选｜{b}{p}开箱测评"),
    t("优选｜{b}{p}种草视频定制"),
    live("优选｜{b}{p}直播讲解"),
    t("优选｜{b}{p}场景化种草"),
];

pub(crate) fn title_templates(
    category: Category,
    mode: Option<SettlementMode>,
) -> &'static [TitleTemplate] {
    match (category, mode) {
        (Category::Recruitment, Some(SettlementMode::ProductReview)) => REVIEW_TITLES,
        (Category::Recruitment, _) => PAID_TITLES,
        (Category::Submission, _) => SUBMISSION_TITLES,
        (Category::Assigned, _) => ASSIGNED_TITLES,
        (Category::Preferred, _) => PREFERRED_TITLES,
    }
}

/// Requirements every kind of content may carry; `{b}` is the brand.
pub(crate) const COMMON_REQUIREMENTS: &[&str] = &[
    "需挂载商品购物车组件",
    "需@品牌官方账号",
    "需带话题#{b}好物分享#",
    "不得出现竞品品牌及价格对比",
    "发布前需提交内容审核",
    "需添加星图任务组件",
    "画面需清晰展示产品外包装",
];

/// For content with a voice and a face: video and live.
pub(crate) const SPOKEN_REQUIREMENTS: &[&str] = &["口播需包含核心卖点", "需真人出镜"];

pub(crate) const VIDEO_REQUIREMENTS: &[&str] =
    &["视频时长≥30秒", "视频时长≥60秒", "需竖屏9:16拍摄"];

pub(crate) const LIVE_REQUIREMENTS: &[&str] = &[
    "直播讲解时长≥5分钟",
    "直播间需挂载商品链接",
    "需在开播前24小时发布预告",
];

pub(crate) const PICTURE_REQUIREMENTS: &[&str] = &["图文不少于6张图片", "首图需为产品实拍"];

pub(crate) const REVIEW_REQUIREMENTS: &[&str] =
    &["收到样品后7天内发布", "测评需包含真实使用前后对比"];

pub(crate) const CLOSING_SENTENCES: &[&str] = &[
    "请避免夸大功效等违规表述。",
    "内容需符合平台社区规范。",
    "优质内容有机会获得品牌方追加投放。",
    "如有疑问可通过星图站内信联系品牌方。",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enough_industries_and_brands() {
        assert!(INDUSTRIES.len() >= 20);
        let total: usize = brands().iter().map(Vec::len).sum();
        let unique: HashSet<&String> = brands().iter().flatten().collect();
        assert_eq!(total, unique.len());
        assert!(unique.len() >= 200, "{}", unique.len());
        assert_eq!(brands().len(), INDUSTRIES.len());
    }

    #[test]
    fn sample_prices_stay_in_the_documented_band() {
        for industry in INDUSTRIES {
            if let Some((lo, hi)) = industry.sample_price {
                assert!(lo >= 39 && hi <= 2999 && lo < hi, "{}", industry.name);
            }
        }
    }
}
