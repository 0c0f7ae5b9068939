#!/usr/bin/env python3
"""Generate benchmarks/data/ordinary.jsonl: everyday Chinese and English SMS that are neither scams nor abusive.

Usage: python benchmarks/make_ordinary.py [--count 3200] [--seed 20260317] [-o benchmarks/data/ordinary.jsonl]

Every line is a `check --batch` input (id, text, lang, jurisdiction, optional received_at and sender) plus a
`category` field that check_accuracy.py uses to break false alarms down (it strips the field before the run).
The output is deterministic for a given seed and count. Bills (telecom, utilities, school fees, card statements)
are reminders of a real debt, so they only get daytime timestamps: a bill at 23:00 would rightly be `odd_hours`.
Every other category is stamped at any hour, to check that one-time codes and chats at night stay quiet.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "ordinary.jsonl"
US_OFFSETS = ("-04:00", "-05:00", "-06:00", "-07:00")  # US daylight time; every date below is after March 8
BILL_CATEGORIES = {"telecom", "utilities", "school_fee", "card_statement"}

Template = Callable[[random.Random], str]


def pick(rng: random.Random, items: tuple[str, ...] | list[str]) -> str:
    """One item, chosen by the seeded generator."""
    return rng.choice(items)


def digits(rng: random.Random, n: int) -> str:
    """n random decimal digits (leading zeros allowed)."""
    return "".join(rng.choice("0123456789") for _ in range(n))


def money(rng: random.Random, low: float, high: float, cents: bool = True) -> str:
    """A plausible amount with thousands separators, e.g. 1,234.50."""
    value = rng.uniform(low, high)
    return f"{value:,.2f}" if cents else f"{int(value):,}"


def cn_date(rng: random.Random) -> str:
    """A March/April date in Chinese, e.g. 3月18日."""
    return f"{rng.choice((3, 4))}月{rng.randint(1, 28)}日"


def en_date(rng: random.Random) -> str:
    """A March/April date, US style, e.g. 3/18 or Mar 18."""
    month = rng.choice((3, 4))
    day = rng.randint(1, 28)
    return rng.choice((f"{month}/{day}", f"{'Mar' if month == 3 else 'Apr'} {day}"))


def clock(rng: random.Random, zh: bool) -> str:
    """A daytime clock time, e.g. 14:30 or 2:30 PM."""
    hour, minute = rng.randint(8, 20), rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
    if zh:
        return f"{hour}:{minute:02d}"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


# ----------------------------------------------------------------------------------------- slot fillers (zh)
ZH_APPS = ("橙果外卖", "鲸选商城", "翼行打车", "云栖网盘", "麦田读书", "叮当买药", "蓝莓影音", "青柠旅行", "星联通信",
           "鹭岛银行", "恒瑞银行", "拾光相册", "悦跑运动", "小满生鲜", "habit打卡", "知更学堂", "松果出行", "暖居家政")
ZH_OTP_USES = ("登录", "注册账号", "修改登录密码", "绑定新手机", "支付确认", "身份核验", "换绑银行卡", "找回密码", "开通免密支付")
ZH_COURIERS = ("速达快递", "顺捷速递", "飞鸽快递", "云驿快运", "中鸿物流", "邻里驿站", "蜂巢快柜", "极速达")
ZH_ITEMS = ("保温杯", "运动鞋", "洗发水", "儿童绘本", "手机壳", "空气炸锅", "羽绒服", "猫粮", "台灯", "蓝牙耳机", "收纳箱", "咖啡豆")
ZH_STATIONS = ("小区东门驿站", "南门快递柜", "3号楼下丰巢柜", "菜鸟驿站（幸福里店）", "物业前台", "学校北门代收点")
ZH_BANKS = ("鹭岛银行", "恒瑞银行", "江城农商银行", "海川银行", "清河村镇银行", "锦程银行")
ZH_SHOPS = ("鲸选商城", "小满生鲜", "绿野超市", "拾味咖啡", "暖暖烘焙", "潮牌优选", "悦动体育", "花田花店", "一鸣眼镜", "童趣玩具")
ZH_HOSPITALS = ("江城市第一人民医院", "江城社区卫生服务中心", "仁和口腔", "江城妇幼保健院", "康宁体检中心", "江城中医院")
ZH_DEPTS = ("全科", "口腔科", "眼科", "皮肤科", "儿科", "内分泌科", "骨科", "耳鼻喉科")
ZH_NAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙")
ZH_CITIES = ("杭州", "上海", "南京", "成都", "武汉", "西安", "厦门", "长沙", "青岛", "重庆", "昆明", "深圳")
ZH_FOODS = ("饺子", "火锅", "红烧肉", "酸菜鱼", "排骨汤", "烤鸭", "小龙虾", "面条", "包子")
ZH_SCHOOLS = ("江城实验小学", "明德中学", "阳光幼儿园", "江城外国语学校", "育才小学", "城南初级中学")
ZH_TELCOS = ("星联通信", "天翼云联", "海川移动")
ZH_COLLEAGUES = ("小赵", "老周", "李姐", "阿强", "王总", "陈经理", "小林", "Amy", "Kevin")

# ----------------------------------------------------------------------------------------- slot fillers (en)
EN_APPS = ("Lyftr", "Payly", "ShopNest", "CloudBox", "Gridly", "FitPulse", "Rideway", "TableTap", "Streamly", "Homebase",
           "Tidewater Bank", "Summit Credit Union", "Northgate CU", "Parcelly", "PetPal", "Quillnote")
EN_COURIERS = ("PackRoute", "ShipSwift", "Parcelly", "MetroFreight", "QuickDrop", "Harbor Parcel")
EN_ITEMS = ("running shoes", "coffee grinder", "phone case", "dog food", "desk lamp", "wireless earbuds", "yoga mat",
            "kids' books", "air fryer", "backpack", "printer ink", "blender")
EN_STORES = ("Harlow Home", "Greenleaf Market", "Brightwell Pharmacy", "Copper Kettle Cafe", "Ridgeline Outfitters",
             "PetPal", "Sunny Side Bakery", "Lakeshore Books", "Trailhead Sports", "Pixel & Co.")
EN_BANKS = ("Tidewater Bank", "Summit Credit Union", "Northgate Credit Union", "Bayview Savings", "Prairie State Bank")
EN_CLINICS = ("Coastline Dental", "Sunridge Health", "Maple Family Medicine", "ClearView Eye Care", "Lakeside Pediatrics",
              "Riverbend Physical Therapy", "Oak Hollow Dermatology")
EN_NAMES = ("Sam", "Jess", "Priya", "Marcus", "Dana", "Luis", "Emily", "Tom", "Aisha", "Kevin", "Rosa", "Ben", "Mei", "Omar")
EN_CITIES = ("Denver", "Chicago", "Austin", "Seattle", "Boston", "Atlanta", "Phoenix", "Portland", "Nashville", "San Diego")
EN_SCHOOLS = ("Maple Grove Elementary", "Lincoln Middle School", "Westview High", "Cedar Park Elementary", "Riverside Academy")
EN_TELCOS = ("Sprout Wireless", "Bluepeak Mobile", "Lumen Fiber", "Horizon Cable")
EN_UTILITIES = ("Evergreen Utilities", "City of Fairhaven Water", "Prairie Gas & Electric", "Clearwater Power")
EN_FOODS = ("tacos", "lasagna", "pho", "pizza", "chili", "stir fry", "pancakes", "burgers", "curry")


# ----------------------------------------------------------------------------------------- Chinese templates
def zh_otp(rng: random.Random) -> str:
    app, code, use, minutes = pick(rng, ZH_APPS), digits(rng, rng.choice((4, 6))), pick(rng, ZH_OTP_USES), rng.choice((2, 5, 10, 15))
    return pick(rng, (
        f"【{app}】验证码{code}，用于{use}，{minutes}分钟内有效。请勿泄露给他人。",
        f"【{app}】您正在{use}，验证码：{code}。如非本人操作，请忽略本短信。",
        f"{code}（{app}动态码），{minutes}分钟内有效，切勿告知他人。",
        f"【{app}】您的验证码是{code}，工作人员不会向您索要，请勿转发。",
        f"【{app}】验证码 {code}，您正在{use}，若非本人操作请及时修改密码。",
        f"【{app}】{code}是您本次{use}的验证码，有效期{minutes}分钟。",
    ))


def zh_delivery(rng: random.Random) -> str:
    courier, item, station = pick(rng, ZH_COURIERS), pick(rng, ZH_ITEMS), pick(rng, ZH_STATIONS)
    code = f"{rng.randint(1, 9)}-{rng.randint(1, 6)}-{digits(rng, 4)}"
    tracking = f"{rng.choice(('SD', 'SJ', 'FG', 'YY'))}{digits(rng, 12)}"
    return pick(rng, (
        f"【{courier}】您的包裹已到{station}，取件码{code}，请凭码取件。",
        f"【{courier}】您的快件已由{station}代收，如有疑问请联系派件员。",
        f"【{courier}】您购买的{item}已发货，运单号{tracking}，可在App查看物流。",
        f"【{courier}】您的快件今天{clock(rng, True)}左右派送，请保持电话畅通。",
        f"【{courier}】您的包裹已签收，签收人：{pick(rng, ('本人', '家人', '门卫', '快递柜'))}。感谢使用{courier}。",
        f"【{pick(rng, ZH_SHOPS)}】亲，您订购的{item}已出库，预计{cn_date(rng)}送达，请注意查收。",
        f"【{courier}】取件码{code}，{station}，营业时间8:00-21:00。",
        f"【{courier}】您寄往{pick(rng, ZH_CITIES)}的快件已被签收，运单号{tracking}。",
    ))


def zh_health(rng: random.Random) -> str:
    hospital, dept, name = pick(rng, ZH_HOSPITALS), pick(rng, ZH_DEPTS), pick(rng, ZH_NAMES)
    return pick(rng, (
        f"【{hospital}】{name}女士您好，您预约的{cn_date(rng)}{clock(rng, True)}{dept}门诊请携带身份证按时就诊。",
        f"【{hospital}】您的检查报告已出，可在医院公众号“报告查询”中查看，或到自助机打印。",
        f"【{hospital}】{name}先生，您的体检时间为{cn_date(rng)}上午8:00，体检前一天晚饭后请禁食。",
        f"【江城疾控】您预约的{pick(rng, ('流感疫苗', 'HPV疫苗第二针', '狂犬疫苗第三针', '带状疱疹疫苗'))}接种时间为{cn_date(rng)}，请携带身份证及接种本。",
        f"【{hospital}】温馨提示：{dept}{pick(rng, ('张医生', '李主任', '王医生'))}{cn_date(rng)}停诊，已预约患者可免费改约。",
        f"【{hospital}】您的孩子{cn_date(rng)}的儿童保健预约已成功，请按时到三楼儿保科候诊。",
        f"【叮当买药】您的处方药已由药师审核通过，骑手正在配送中，预计30分钟送达。",
    ))


def zh_bank(rng: random.Random) -> str:
    bank, tail = pick(rng, ZH_BANKS), digits(rng, 4)
    amount, balance = money(rng, 10, 20000), money(rng, 100, 80000)
    return pick(rng, (
        f"【{bank}】您尾号{tail}的储蓄卡{cn_date(rng)}{clock(rng, True)}转入人民币{amount}元，余额{balance}元。",
        f"【{bank}】您尾号{tail}的账户{cn_date(rng)}支出人民币{amount}元（快捷支付），余额{balance}元。",
        f"【{bank}】您尾号{tail}的账户收到工资{amount}元，活期余额{balance}元。",
        f"【{bank}】您尾号{tail}的信用卡{cn_date(rng)}消费{amount}元，商户：{pick(rng, ZH_SHOPS)}。",
        f"【{bank}】您购买的理财产品已于{cn_date(rng)}到期，本金及收益已返还至尾号{tail}账户。",
        f"【{bank}】您尾号{tail}的借记卡已成功开通手机银行，如非本人操作请到网点办理。",
        f"【{bank}】您已成功向尾号{tail}的信用卡还款{amount}元，感谢您的支持。",
        f"【{bank}】尊敬的客户，您尾号{tail}的账户本月结息{money(rng, 0.5, 60)}元，已入账。",
    ))


def zh_marketing(rng: random.Random) -> str:
    shop, bank = pick(rng, ZH_SHOPS), pick(rng, ZH_BANKS)
    off, threshold = rng.choice((20, 30, 50, 100)), rng.choice((99, 199, 299, 399))
    return pick(rng, (
        f"【{shop}】春季上新，全场满{threshold}减{off}，会员再享9折，{cn_date(rng)}截止。拒收请回复R",
        f"【{shop}】亲爱的会员，您有一张{off}元优惠券即将过期，快去App使用吧～退订回T",
        f"【{shop}】周末特惠：第二杯半价，到店出示会员码即可。拒收请回复R",
        f"【{bank}】信用卡新户礼：首刷满{threshold}元送{off}元立减金，详询手机银行。拒收请回复R",
        f"【{bank}】“{pick(rng, ('安心贷', '工薪贷', '易享贷'))}”限时优惠，年化利率{rng.choice(('3.2', '3.45', '3.6', '3.88'))}%起，额度最高{rng.choice((10, 20, 30))}万，详询网点或手机银行。拒收请回复R",
        f"【{shop}】您关注的商品降价啦！{pick(rng, ZH_ITEMS)}直降{off}元，库存有限。退订回T",
        f"【{pick(rng, ('青柠旅行', '松果出行'))}】五一机票早鸟价，{pick(rng, ZH_CITIES)}往返低至{rng.randint(3, 9)}折，点App查看。拒收请回复R",
        f"【{bank}】{pick(rng, ('春季', '五一', '周三'))}美食节：用本行信用卡在指定餐厅消费满{threshold}减{off}。拒收请回复R",
    ))


def zh_telecom(rng: random.Random) -> str:
    telco = pick(rng, ZH_TELCOS)
    return pick(rng, (
        f"【{telco}】您{rng.randint(1, 2)}月账单{money(rng, 30, 260)}元，将于{cn_date(rng)}从绑定账户自动扣缴。",
        f"【{telco}】尊敬的客户，您当前话费余额{money(rng, 5, 30)}元，为避免影响使用，请及时通过官方App充值。",
        f"【{telco}】您本月套餐内流量已使用80%，剩余{rng.randint(1, 6)}.{rng.randint(0, 9)}GB，回复CXLL查询详情。",
        f"【{telco}】您办理的{pick(rng, ('5G畅享套餐', '宽带提速', '亲情号码', '国际漫游'))}业务已生效，感谢您的支持。",
        f"【{telco}】您已成功充值{rng.choice((50, 100, 200))}元，当前余额{money(rng, 50, 300)}元。",
        f"【{telco}】您的宽带将于{cn_date(rng)}到期，续费可在营业厅或官方App办理。",
    ))


def zh_family(rng: random.Random) -> str:
    food = pick(rng, ZH_FOODS)
    return pick(rng, (
        f"妈：周末回来吃{food}不？你爸已经买好菜了",
        f"今天降温了，出门多穿点，别光顾着好看 —— 爸",
        f"老婆：我今晚加班，你先接一下孩子，{clock(rng, True)}放学",
        f"宝贝生日快乐🎂 妈妈给你发了个红包，记得收",
        f"哥，奶奶让你{cn_date(rng)}回老家一趟，说有事商量，不急",
        f"生活费收到了，谢谢妈！这周考试考得还行😊",
        f"你姑问你{pick(rng, ZH_CITIES)}那边房子租好了没，有空给她回个电话",
        f"老公，快递帮我拿一下，在{pick(rng, ZH_STATIONS)}，取件码我截图发你了",
        f"儿子，你小姨{cn_date(rng)}结婚，记得请假回来",
        f"爸刚体检完，医生说都挺好，你别担心了",
        f"闺女，天冷了给你寄了两床被子，{pick(rng, ZH_COURIERS)}，注意查收",
        f"今晚{food}，早点回来，别在外面吃了",
    ))


def zh_work(rng: random.Random) -> str:
    who = pick(rng, ZH_COLLEAGUES)
    return pick(rng, (
        f"{who}：明天上午十点的周会挪到下午{rng.randint(2, 4)}点，会议室不变",
        f"{who}：报销单记得本周五前交到财务，发票要贴好",
        f"方案第二版我发你邮箱了，有空看下，主要改了预算那部分",
        f"{who}：客户那边说{cn_date(rng)}来公司参观，你准备一下PPT",
        f"我明天请一天假，手头的工作交接给{pick(rng, ZH_COLLEAGUES)}了，有事微信我",
        f"{who}：出差{pick(rng, ZH_CITIES)}的机票订好了，行程单发群里了",
        f"下午三点的面试候选人到了，在前台等，你方便下来一下吗",
        f"{who}：合同盖好章了，快递寄出了，单号稍后发你",
        f"本周五团建去{pick(rng, ('爬山', '烧烤', '密室逃脱', '农家乐'))}，报名截止周三",
        f"服务器今晚{rng.randint(22, 23)}点维护，相关同事提前保存好数据",
    ))


def zh_travel(rng: random.Random) -> str:
    city1, city2 = rng.sample(ZH_CITIES, 2)
    train = f"{rng.choice('GDK')}{rng.randint(100, 9999)}"
    return pick(rng, (
        f"【畅行火车票】您购买的{cn_date(rng)}{train}次{city1}-{city2} {clock(rng, True)}开，{rng.randint(1, 16)}车{rng.randint(1, 20)}{rng.choice('ABCDF')}，请提前检票。",
        f"【青柠旅行】您预订的{city2}{pick(rng, ('锦江', '悦居', '星程', '湖畔'))}酒店{cn_date(rng)}入住已确认，订单号{digits(rng, 10)}。",
        f"【{pick(rng, ('东方航空服务', '海川航空'))}】您乘坐的{city1}-{city2}航班登机口变更为{rng.choice('ABC')}{rng.randint(1, 40)}，请留意广播。",
        f"【翼行打车】您的行程已结束，本次车费{money(rng, 9, 80)}元已通过免密支付扣款。",
        f"【松果出行】您预约的{cn_date(rng)}{clock(rng, True)}接机订单已派单，司机{pick(rng, ZH_NAMES)}师傅，车牌浙A·{digits(rng, 5)}。",
        f"【{city2}文旅】您预约的景区门票已出票，入园日期{cn_date(rng)}，请凭身份证入园。",
        f"【畅行火车票】温馨提示：您乘坐的{train}次列车晚点约{rng.randint(10, 40)}分钟，请合理安排时间。",
    ))


def zh_utilities(rng: random.Random) -> str:
    return pick(rng, (
        f"【江城水务】您户号{digits(rng, 4)}****{digits(rng, 2)}的{rng.randint(1, 3)}月水费{money(rng, 20, 150)}元，请于{cn_date(rng)}前通过官方公众号或营业厅缴纳。",
        f"【江城供电】您户号{digits(rng, 4)}****{digits(rng, 2)}的电费{money(rng, 60, 400)}元已出账，将于{cn_date(rng)}自动扣缴。",
        f"【江城燃气】您家燃气表余量不足20立方，请及时通过官方App充值，以免影响使用。",
        f"【安居物业】{cn_date(rng)}第二季度物业费已出账，可在“安居生活”App或物业前台缴纳。",
    ))


def zh_notice(rng: random.Random) -> str:
    return pick(rng, (
        f"【安居物业】{cn_date(rng)}上午9点至12点小区停水检修，请提前储水。",
        f"【江城供电】因线路检修，{cn_date(rng)}8:00-17:00您所在区域将停电，给您带来不便敬请谅解。",
        f"【江城供电】您户号{digits(rng, 4)}****{digits(rng, 2)}的电费已自动扣缴{money(rng, 60, 400)}元，感谢您的支持。",
        f"【安居物业】本周六上午小区消杀，请关好门窗，看好宠物。",
        f"【江城燃气】{cn_date(rng)}将进行入户安全检查，工作人员持证上门，不收取任何费用。",
        f"【安居物业】电梯年检将于{cn_date(rng)}进行，届时2号梯暂停使用2小时。",
    ))


def zh_school(rng: random.Random) -> str:
    school = pick(rng, ZH_SCHOOLS)
    return pick(rng, (
        f"【{school}】各位家长：{cn_date(rng)}下午召开家长会，请准时参加。",
        f"【{school}】清明节放假安排：4月4日至6日放假，7日正常上课，请注意假期安全。",
        f"【{school}】本周五下午学校举行春季运动会，请给孩子穿运动鞋、带水杯。",
        f"【{school}】您的孩子今日已安全到校，到校时间{clock(rng, True)}。",
        f"【{school}】期中考试成绩已发布，可登录家校通App查看。",
        f"【{school}】明天研学活动，请7:30前到校集合，穿校服，自备午餐。",
        f"各位家长好，今天的数学作业是练习册第{rng.randint(10, 60)}页，请家长签字。",
    ))


def zh_school_fee(rng: random.Random) -> str:
    school = pick(rng, ZH_SCHOOLS)
    return pick(rng, (
        f"【{school}】本学期午餐费{rng.choice((650, 780, 820, 900))}元，请于{cn_date(rng)}前通过学校官方缴费平台缴纳。",
        f"【{school}】{rng.randint(3, 6)}月课后服务费已出账，请家长在家校通App内缴纳。",
    ))


def zh_card_statement(rng: random.Random) -> str:
    bank, tail = pick(rng, ZH_BANKS), digits(rng, 4)
    return pick(rng, (
        f"【{bank}】您尾号{tail}的信用卡{rng.randint(3, 4)}月账单已出，本期应还{money(rng, 200, 9000)}元，到期还款日{cn_date(rng)}。",
        f"【{bank}】温馨提示：您尾号{tail}的信用卡将于{cn_date(rng)}到期还款，如已还款请忽略。",
    ))


def zh_gov(rng: random.Random) -> str:
    return pick(rng, (
        f"【江城市人社局】您的社保卡已制作完成，请于{cn_date(rng)}后到街道服务中心领取。",
        f"【江城公积金】您的住房公积金账户{rng.randint(2, 3)}月缴存{money(rng, 800, 3000)}元已入账。",
        f"【江城市公安局】您申请的居住证已办结，请携带身份证到{pick(rng, ('城东', '城西', '江南', '湖滨'))}派出所领取。",
        f"【江城车管所】您的机动车驾驶证将于{cn_date(rng)}到期，可通过官方“交管12123”App办理换证。",
        f"【江城市税务局】您的{rng.randint(2024, 2025)}年度个人所得税汇算退税{money(rng, 50, 2000)}元已退付至您的银行账户。",
        f"【12345热线】您反映的小区路灯不亮问题已转交相关部门办理，办理结果将短信告知。",
        f"【江城市气象台】{pick(rng, ('大风蓝色预警', '暴雨黄色预警', '高温橙色预警', '大雾黄色预警'))}：请减少外出，注意安全。",
        f"【江城市公安局反诈中心】提醒：公检法不会通过电话办案，不存在“安全账户”，陌生来电要求转账一律挂断。",
        f"【江城医保】您本月的医保个人账户划入{money(rng, 60, 300)}元，可在医保App查询。",
        f"【江城市政务服务】您的营业执照变更申请已审核通过，可在线下载电子执照。",
    ))


def zh_friends(rng: random.Random) -> str:
    food = pick(rng, ZH_FOODS)
    return pick(rng, (
        f"在吗？周六去吃{food}不，我请客哈哈",
        f"上次说的那本书我看完了，下次见面带给你",
        f"生日快乐呀🎉 今年一定要脱单！",
        f"你到了没？我在{pick(rng, ('地铁口', '商场门口', '电影院门口', '奶茶店'))}等你",
        f"哥们 那顿饭钱我转你了 {rng.randint(50, 300)}，查收一下",
        f"周末爬山去不去？天气预报说是晴天☀️",
        f"刚看到你朋友圈，{pick(rng, ZH_CITIES)}好玩吗？下次带上我",
        f"你家猫最近怎么样？我这有多的猫粮给你送过去",
        f"电影票买好了，{clock(rng, True)}场，别迟到啊",
        f"好久没聚了，月底同学聚会你来吗",
    ))


def zh_app(rng: random.Random) -> str:
    app = pick(rng, ZH_APPS)
    return pick(rng, (
        f"【{app}】您的会员将于{cn_date(rng)}到期，到期后不会自动续费。",
        f"【{app}】您的订单已完成，获得{rng.randint(10, 500)}积分，可在“我的”中查看。",
        f"【{app}】您的账号于{cn_date(rng)}在新设备登录，如非本人操作请在App内修改密码。",
        f"【{app}】您的外卖已送达，祝您用餐愉快！",
        f"【{app}】您申请的退款{money(rng, 10, 500)}元已原路退回，预计1-3个工作日到账。",
        f"【{app}】您的年度账单已生成，快来看看这一年的点滴吧。",
    ))


# ----------------------------------------------------------------------------------------- English templates
def en_otp(rng: random.Random) -> str:
    app, code, minutes = pick(rng, EN_APPS), digits(rng, 6), rng.choice((5, 10, 15))
    return pick(rng, (
        f"Your {app} verification code is {code}. Don't share it with anyone.",
        f"{code} is your {app} login code. It expires in {minutes} minutes.",
        f"{app}: Use code {code} to confirm your sign-in. We'll never call you to ask for this code.",
        f"<#> {code} is your {app} code. Do not share this code.",
        f"{app} security code: {code}. If you didn't request this, you can ignore this message.",
        f"Your one-time passcode for {app} is {code}. Valid for {minutes} min.",
    ))


def en_delivery(rng: random.Random) -> str:
    courier, item = pick(rng, EN_COURIERS), pick(rng, EN_ITEMS)
    return pick(rng, (
        f"{courier}: Your package was delivered to the front porch at {clock(rng, False)}. A photo is in the app.",
        f"{courier}: Your {item} is out for delivery today. Estimated arrival {clock(rng, False)}.",
        f"{pick(rng, EN_STORES)}: Good news! Your order #{digits(rng, 5)} has shipped and will arrive {en_date(rng)}.",
        f"{courier}: We left your package with the front desk. Reply STOP to opt out.",
        f"{courier}: Your parcel is ready for pickup at the {pick(rng, ('Main St', 'Oak Ave', '5th St', 'Elm Plaza'))} locker. Code: {digits(rng, 6)}.",
        f"{pick(rng, EN_STORES)}: Your return was received. Your refund of ${money(rng, 10, 200)} will post in 3-5 business days.",
        f"{courier}: Delivery of your {item} was rescheduled to {en_date(rng)} due to weather. No action needed.",
    ))


def en_health(rng: random.Random) -> str:
    clinic = pick(rng, EN_CLINICS)
    return pick(rng, (
        f"{clinic}: Reminder of your appointment on {en_date(rng)} at {clock(rng, False)}. Reply C to confirm or R to reschedule.",
        f"{clinic}: Your lab results are available in the patient portal.",
        f"{clinic}: Please arrive 15 minutes early for your visit tomorrow and bring your insurance card.",
        f"Brightwell Pharmacy: Your prescription is ready for pickup. Reply STOP to opt out.",
        f"{clinic}: It's time for your annual checkup! Call the office or book in the app.",
        f"{clinic}: Dr. {pick(rng, ('Okafor', 'Nguyen', 'Patel', 'Garcia', 'Kim'))} is running about 20 minutes behind today. Thanks for your patience.",
        f"{clinic}: Flu shots are now available, walk-ins welcome Mon–Fri.",
    ))


def en_bank(rng: random.Random) -> str:
    bank, tail = pick(rng, EN_BANKS), digits(rng, 4)
    return pick(rng, (
        f"{bank}: Your direct deposit of ${money(rng, 300, 5000)} posted to checking ...{tail}.",
        f"{bank}: Your available balance in checking ...{tail} is ${money(rng, 10, 9000)} as of {en_date(rng)}.",
        f"{bank}: A purchase of ${money(rng, 5, 400)} at {pick(rng, EN_STORES)} was made with your debit card ending {tail}.",
        f"{bank}: Your transfer of ${money(rng, 20, 2000)} to savings is complete.",
        f"{bank}: Your statement for account ...{tail} is ready. View it in the app.",
        f"{bank}: A new device signed in to your account. If this wasn't you, open the app and go to Security.",
        f"{bank}: Payment received. Thank you! ${money(rng, 25, 900)} was applied to your card ending {tail}.",
        f"{bank}: Your mobile check deposit of ${money(rng, 20, 1500)} was accepted.",
    ))


def en_marketing(rng: random.Random) -> str:
    store, bank = pick(rng, EN_STORES), pick(rng, EN_BANKS)
    pct = rng.choice((10, 15, 20, 25, 30, 40))
    return pick(rng, (
        f"{store}: Spring sale! {pct}% off everything this weekend only. Reply STOP to unsubscribe.",
        f"{store}: Your ${rng.choice((5, 10, 15))} reward expires {en_date(rng)}. Use it in store or online.",
        f"{store}: Members get double points all week. Msg&data rates may apply. Reply STOP to opt out.",
        f"{bank}: Pre-approved! Auto loans from {rng.choice(('5.49', '5.99', '6.25'))}% APR. Visit any branch or our app to apply. Reply STOP to opt out.",
        f"{bank}: Earn a ${rng.choice((100, 200, 300))} bonus when you open a new checking account. Terms apply. Reply STOP to end.",
        f"{store}: New arrivals are here! Show this text for {pct}% off one item.",
        f"{store}: BOGO {pick(rng, EN_FOODS)} every Tuesday. See you soon!",
        f"{bank}: Need funds for a home project? Rates from {rng.choice(('7.99', '8.49', '9.25'))}% APR. No fees to apply. Check your rate in the app.",
    ))


def en_telecom(rng: random.Random) -> str:
    telco = pick(rng, EN_TELCOS)
    return pick(rng, (
        f"{telco}: Your bill of ${money(rng, 35, 180)} is ready and will be paid by AutoPay on {en_date(rng)}.",
        f"{telco}: Your monthly bill of ${money(rng, 35, 180)} is due {en_date(rng)}. Pay in the app or dial *PAY.",
        f"{telco}: You've used 80% of your data for this cycle. Add more in the app.",
        f"{telco}: Your plan change is complete. Your new rate starts next billing cycle.",
        f"{telco}: Thanks for your payment of ${money(rng, 35, 180)}. Your account is up to date.",
        f"{telco}: A technician is scheduled for {en_date(rng)} between {clock(rng, False)} and {clock(rng, False)}.",
    ))


def en_family(rng: random.Random) -> str:
    food, name = pick(rng, EN_FOODS), pick(rng, EN_NAMES)
    return pick(rng, (
        f"Mom: don't forget grandpa's birthday dinner sunday 6pm, bring the potato salad 🥔",
        f"Dad: made {food}, come by if you're hungry",
        f"can you grab the kids from practice at {clock(rng, False)}? I'm stuck in a meeting",
        f"Happy birthday sweetie!! 🎂 love you lots",
        f"Grandma: Love you, call me when you get a chance ❤️",
        f"hey, {name}'s recital got moved to thursday",
        f"landed safe, will call when I get to the hotel",
        f"yo can u grab oat milk on ur way home, we're out",
        f"Mom: did you get the care package? sent it {en_date(rng)}",
        f"we're doing {food} for dinner, be home by 7?",
        f"reminder: dentist for the kids tomorrow at {clock(rng, False)}",
        f"thanks for sending the money for grandma's gift, she loved it",
    ))


def en_work(rng: random.Random) -> str:
    name = pick(rng, EN_NAMES)
    return pick(rng, (
        f"Standup moved to 10:15 today, {name}'s out.",
        f"Hi, this is {name} from work — can you cover my Thursday shift? I'll take your Sunday.",
        f"Client call pushed to {clock(rng, False)}. Same link as before.",
        f"{name}: deck looks great, just fix the numbers on slide 7",
        f"Reminder: submit your expense reports by Friday.",
        f"{name}: running 10 min late, start without me",
        f"The {pick(rng, EN_CITIES)} trip is booked, itinerary is in your inbox",
        f"Office is closed {en_date(rng)} for the holiday. Enjoy the long weekend!",
        f"{name}: can you review my PR when you get a sec? no rush",
        f"Interview candidate is at the front desk for your {clock(rng, False)}.",
    ))


def en_travel(rng: random.Random) -> str:
    city = pick(rng, EN_CITIES)
    return pick(rng, (
        f"Skyway Air: Flight SW {rng.randint(100, 999)} to {city} is on time. Boarding {clock(rng, False)}, Gate {rng.choice('ABC')}{rng.randint(1, 40)}.",
        f"Skyway Air: Your gate has changed to {rng.choice('ABC')}{rng.randint(1, 40)}.",
        f"Rideway: Your driver {pick(rng, EN_NAMES)} is arriving in a gray Honda Civic.",
        f"Harborview Hotel {city}: Your room is ready! Check-in is at the front desk.",
        f"Amtrail: Train {rng.randint(100, 999)} to {city} departs {clock(rng, False)} from track {rng.randint(1, 12)}.",
        f"Rideway: Thanks for riding! Your fare was ${money(rng, 8, 60)}.",
        f"Skyway Air: Check-in is open for your flight to {city} on {en_date(rng)}.",
    ))


def en_utilities(rng: random.Random) -> str:
    utility = pick(rng, EN_UTILITIES)
    return pick(rng, (
        f"{utility}: Your bill of ${money(rng, 40, 220)} is due {en_date(rng)}. Pay in the app or by phone.",
        f"{utility}: Your March bill is ready. Amount due ${money(rng, 40, 220)} on {en_date(rng)}.",
        f"Oakview Apartments: Rent for {pick(rng, ('April', 'May'))} is due on the 1st. Pay through the resident portal.",
    ))


def en_notice(rng: random.Random) -> str:
    utility = pick(rng, EN_UTILITIES)
    return pick(rng, (
        f"{utility}: Planned maintenance on {en_date(rng)} may cause a brief outage in your area.",
        f"{utility}: Your payment was received. Thanks for using AutoPay.",
        f"Oakview Apartments: Fire alarm testing tomorrow 9am-3pm.",
        f"Oakview Apartments: The pool reopens {en_date(rng)}. Please bring your key fob.",
        f"City of Fairhaven: Street sweeping on your block Thursday 7am–11am. Please move vehicles.",
        f"{utility}: Power has been restored in your area. Thanks for your patience.",
    ))


def en_school(rng: random.Random) -> str:
    school = pick(rng, EN_SCHOOLS)
    return pick(rng, (
        f"{school}: School will dismiss 2 hours early on {en_date(rng)} for teacher conferences.",
        f"{school}: Picture day is {en_date(rng)}. Order forms went home in backpacks.",
        f"{school}: Your student was marked absent today. If this is an error, please call the front office.",
        f"{school}: Report cards are now available in the parent portal.",
        f"{school}: Reminder — field trip permission slips are due Friday.",
        f"{school}: Snow day! All schools closed today. Stay warm.",
        f"Coach {pick(rng, EN_NAMES)}: practice is moved to the main gym tonight at {clock(rng, False)}",
    ))


def en_school_fee(rng: random.Random) -> str:
    school = pick(rng, EN_SCHOOLS)
    return pick(rng, (
        f"{school}: Your student's lunch account balance is ${money(rng, 1, 9)}. Add funds in the parent portal.",
        f"{school}: The ${rng.choice((15, 20, 25, 35))} field trip fee is due {en_date(rng)}. Pay in the parent portal.",
    ))


def en_card_statement(rng: random.Random) -> str:
    bank, tail = pick(rng, EN_BANKS), digits(rng, 4)
    return pick(rng, (
        f"{bank}: Your credit card statement is ready. Payment due {en_date(rng)}. View it in the app.",
        f"{bank}: Reminder — your card ending {tail} has a payment due in 3 days. Ignore if already paid.",
    ))


def en_gov(rng: random.Random) -> str:
    return pick(rng, (
        f"Fairhaven DMV: Your driver license renewal has been processed. Your new card will arrive by mail in 2–3 weeks.",
        f"City of Fairhaven: Your building permit application #{digits(rng, 6)} was approved.",
        f"County Elections Office: Your mail ballot was received and accepted. Thank you for voting!",
        f"Fairhaven Public Library: The hold you placed is ready for pickup until {en_date(rng)}.",
        f"Fairhaven Parks: Registration for summer camp opens {en_date(rng)} at 9 AM.",
        f"NWS: Winter storm warning in effect until 6 PM. Avoid travel if possible.",
        f"FTC consumer alert: Government agencies never demand payment by gift card, wire transfer or crypto. Hang up on callers who do.",
        f"City of Fairhaven: Your trash pickup is delayed one day this week due to the holiday.",
        f"State Unemployment Office: Your weekly claim for {en_date(rng)} was processed.",
    ))


def en_friends(rng: random.Random) -> str:
    name = pick(rng, EN_NAMES)
    return pick(rng, (
        f"Hey it's {name}, are we still on for pickleball Saturday?",
        f"lol did you see that game last night",
        f"{name}: I'm outside, come down whenever",
        f"movie starts at {clock(rng, False)}, I got the tickets",
        f"thanks for dinner last night!! next one's on me",
        f"Payly: {name} sent you ${money(rng, 5, 80)} for \"{pick(rng, ('🍕 pizza', 'concert tix', 'gas', 'brunch'))}\".",
        f"want to grab {pick(rng, EN_FOODS)} this weekend?",
        f"happy bday!!! 🎉🎉 hope it's a great one",
        f"{name}: can I borrow your drill this weekend? I'll bring it back sunday",
        f"running late, save me a seat",
    ))


def en_app(rng: random.Random) -> str:
    app = pick(rng, EN_APPS)
    return pick(rng, (
        f"{app}: Your subscription renews on {en_date(rng)}. Manage it in settings.",
        f"{app}: You earned {rng.randint(10, 500)} points on your last order!",
        f"{app}: Your refund of ${money(rng, 5, 200)} has been processed.",
        f"{app}: Your order is ready for pickup at the counter.",
        f"{app}: Your password was changed. If this wasn't you, reset it in the app.",
        f"{app}: Your year in review is here. Take a look!",
    ))


def zh_plans(rng: random.Random) -> str:
    name = pick(rng, ZH_NAMES)
    place = pick(rng, ("你单位门口", "你家小区门口", "你们公司楼下", "地铁站B口", "你学校东门", "你爸妈家楼下", "医院门诊大厅"))
    return pick(rng, (
        f"我{clock(rng, True)}到{place}，你忙完直接下来就行",
        f"{name}叔说明天去你家坐坐，顺便看看你爸，你在家吗",
        f"车停在{place}了，双闪那辆，你出来就能看到",
        f"我们已经到{place}了，不着急，你慢慢收拾",
        f"你妈让我转告你，周末全家去你那儿，给你带了{pick(rng, ZH_FOODS)}",
        f"领导说{cn_date(rng)}上午九点开会，所有人都要到，你通知一下你们组",
        f"我在{place}等你半天了，电话也不接，到底来不来啊😂",
        f"你儿子在我们家玩呢，晚饭吃完我送他回去",
        f"你同事{name}姐刚来过，把你落下的伞放门卫室了",
        f"明天一早我去你那边接你，记得定好闹钟，别睡过头",
        f"你们班主任今天夸你了，说你最近进步很大",
        f"你老婆说你手机没电了，让我跟你说一声她在{place}等你",
        f"我们全家都知道你升职了，恭喜！下次回来一起庆祝",
        f"今晚你来不来？大家都在{place}等着呢，就差你了",
    ))


def en_plans(rng: random.Random) -> str:
    name = pick(rng, EN_NAMES)
    place = pick(rng, ("outside your building", "at your office", "by the school gate", "at your parents' place",
                       "in the lobby", "at the north entrance", "downstairs"))
    return pick(rng, (
        f"I'm {place}, no rush, come down whenever you're ready.",
        f"{name} and I will swing by your place around {clock(rng, False)} to drop off the cooler.",
        f"Your mom says we're all meeting {place} at {clock(rng, False)}. Don't be late!",
        f"We know your schedule is crazy, so we'll just wait {place}.",
        f"Your boss called the house looking for you, something about the Friday meeting. Call him back.",
        f"Picking up your kids from practice today, they'll be at our place until you get off work.",
        f"Everyone at work signed your birthday card, it's on your desk.",
        f"I told your sister we'd be {place} by 6. See you there.",
        f"We're parked {place}, silver minivan. Take your time.",
        f"Your neighbor {name} says the plumber came by, he'll be back tomorrow morning.",
        f"Heads up: the whole family is coming to your place Sunday. I'll bring {pick(rng, EN_FOODS)}.",
        f"Your teacher emailed, the field trip moved to {en_date(rng)}. Permission slip due Friday.",
        f"{name} is waiting {place} with your keys, you left them at dinner.",
        f"We'll be at your door at 7am sharp for the airport run. Be ready!",
    ))


CATEGORIES: dict[str, tuple[Template, Template, int]] = {
    # name: (zh template, en template, weight)
    "otp": (zh_otp, en_otp, 10),
    "delivery": (zh_delivery, en_delivery, 10),
    "health": (zh_health, en_health, 6),
    "bank": (zh_bank, en_bank, 10),
    "marketing": (zh_marketing, en_marketing, 9),
    "telecom": (zh_telecom, en_telecom, 5),
    "family": (zh_family, en_family, 8),
    "work": (zh_work, en_work, 7),
    "travel": (zh_travel, en_travel, 6),
    "utilities": (zh_utilities, en_utilities, 3),
    "notice": (zh_notice, en_notice, 4),
    "school": (zh_school, en_school, 5),
    "school_fee": (zh_school_fee, en_school_fee, 1),
    "card_statement": (zh_card_statement, en_card_statement, 2),
    "government": (zh_gov, en_gov, 5),
    "friends": (zh_friends, en_friends, 6),
    "app": (zh_app, en_app, 5),
    "plans": (zh_plans, en_plans, 6),  # meet-ups, visits, pick-ups: people at your door with no money in it
}


def received_at(rng: random.Random, zh: bool, category: str) -> str:
    """An ISO timestamp with offset; bills stay in daytime, everything else may arrive at night."""
    day = rng.randint(9, 31)
    if category in BILL_CATEGORIES:
        hour = rng.randint(9, 19)
    else:
        hour = rng.choices(range(24), weights=[1, 1, 1, 1, 1, 2, 3, 5, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 8, 8, 7, 5, 4, 2])[0]
    offset = "+08:00" if zh else rng.choice(US_OFFSETS)
    return f"2026-03-{day:02d}T{hour:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}{offset}"


def sender(rng: random.Random, zh: bool, category: str) -> str | None:
    """A fictional sender: a service short code for brands, nothing or a 555 number for people."""
    personal = category in {"family", "work", "friends", "plans"}
    if rng.random() < 0.5:
        return None
    if zh:
        return None if personal else "10690" + digits(rng, 7)
    if personal:
        return f"+1{rng.choice(('312', '415', '512', '617', '720'))}5550{rng.randint(100, 199)}"
    return digits(rng, 5)


def generate(count: int, seed: int) -> list[dict]:
    """`count` distinct ordinary messages, about half Chinese and half English, in a seeded order."""
    rng = random.Random(seed)
    names = list(CATEGORIES)
    weights = [CATEGORIES[name][2] for name in names]
    seen: set[str] = set()
    records: list[dict] = []
    attempts = 0
    while len(records) < count:
        attempts += 1
        if attempts > count * 50:
            raise SystemExit(f"only {len(records)} distinct messages after {attempts} tries; add templates")
        zh = len(records) % 2 == 0
        category = rng.choices(names, weights=weights)[0]
        template = CATEGORIES[category][0 if zh else 1]
        text = template(rng)
        if text in seen:
            continue
        seen.add(text)
        record = {"id": "", "text": text, "lang": "zh" if zh else "en", "jurisdiction": "cn" if zh else "us"}
        if rng.random() < 0.45:
            record["received_at"] = received_at(rng, zh, category)
        who = sender(rng, zh, category)
        if who:
            record["sender"] = who
        record["category"] = category
        records.append(record)
    rng.shuffle(records)
    for number, record in enumerate(records, 1):
        record["id"] = f"o-{number:04d}"
    return records


def main() -> int:
    """Write the JSON Lines file and print a short census."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3200)
    parser.add_argument("--seed", type=int, default=20260317)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    records = generate(args.count, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    langs = Counter(r["lang"] for r in records)
    categories = Counter(r["category"] for r in records)
    timed = sum(1 for r in records if "received_at" in r)
    print(f"wrote {len(records)} messages to {args.output} ({langs['zh']} zh, {langs['en']} en, {timed} with received_at)")
    print("categories: " + ", ".join(f"{name} {n}" for name, n in categories.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
