//! Finding a person by what an officer types into a search box: the name or a part of it
//! (王建, 建国), the pinyin initials (wjg), the full pinyin (wangjianguo) or a mix (王jg,
//! wangjg). Pure: the store keeps the keys this module derives in a side table and asks it
//! which key ranges a query may fall in and whether a candidate really matches.
//!
//! Polyphonic characters (多音字) get ONE reading, the common one: the `pinyin` crate's first
//! reading (from the Unicode pinyin data, most frequent first), except the first character of a
//! name, read as a surname when it is one whose surname reading differs (曾 zeng, 单 shan, 解
//! xie, 仇 qiu, 区 ou, 查 zha …, `SURNAME_READINGS`), and a few characters whose first reading is
//! rare in names (长 chang). So 曾建国 is found by zjg and zengjianguo, not by cjg. ü is typed v.

use pinyin::ToPinyin;

/// Surnames whose surname reading is not the character's first reading.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('翟', "zhai"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('缪', "miao"),
    ('盖', "ge"),
    ('重', "chong"),
    ('种', "chong"),
    ('秘', "bi"),
    ('召', "shao"),
    ('员', "yun"),
    ('柏', "bai"),
    ('薄', "bo"),
    ('藏', "zang"),
    ('折', "she"),
    ('黑', "he"),
    ('阚', "kan"),
    ('繁', "po"),
    ('隗', "wei"),
    ('贲', "ben"),
];

/// Characters whose first reading is rare in names, read as names read them anywhere.
const NAME_READINGS: &[(char, &str)] = &[('长', "chang")];

/// Every Mandarin syllable without tone, ü as v: a typed run of letters is split into these.
const SYLLABLES: &str = "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing \
bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu \
chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei \
den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei \
fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo \
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang \
jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua \
kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu \
lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming \
miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu \
nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi \
qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru \
rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng \
shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang \
tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu \
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo \
yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei \
zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun \
zuo";

/// How many key ranges one query may ask for at most: a long run of letters splits many ways.
const MAX_RANGES: usize = 32;

/// What a key row indexes (the side table's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyKind {
    /// The name from its second, third … character on: a part of a name.
    NameInside = 1,
    /// The full pinyin, syllables run together: wangjianguo.
    Pinyin = 2,
    /// The first letter of each syllable: wjg.
    Initials = 3,
}

/// One key of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    pub kind: KeyKind,
    pub key: String,
}

/// One character of a name as the matcher sees it: the character and its syllable (none for a
/// character without pinyin; a Latin letter or digit is its own lower-case "syllable").
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    ch: char,
    syllable: Option<String>,
}

/// The syllable of `ch` at `position` in a name (0: the surname's place).
fn syllable(ch: char, position: usize) -> Option<String> {
    if position == 0 {
        if let Some((_, reading)) = SURNAME_READINGS.iter().find(|(c, _)| *c == ch) {
            return Some(reading.to_string());
        }
    }
    if let Some((_, reading)) = NAME_READINGS.iter().find(|(c, _)| *c == ch) {
        return Some(reading.to_string());
    }
    if ch.is_ascii_alphanumeric() {
        return Some(ch.to_ascii_lowercase().to_string());
    }
    ch.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// The name's characters that count (separators such as · and spaces are left out).
fn units(name: &str) -> Vec<Unit> {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '.' | '-'))
        .enumerate()
        .map(|(i, ch)| Unit {
            ch,
            syllable: syllable(ch, i),
        })
        .collect()
}

/// Every key the side table keeps for a name: each part of it from the second character on,
/// its full pinyin and its initials (the last two only when it has pinyin). The name itself
/// needs no key: the household table's name index finds a name by its start.
pub fn name_keys(name: &str) -> Vec<NameKey> {
    let name = name.trim();
    let mut keys = Vec::new();
    if name.is_empty() {
        return keys;
    }
    for (i, _) in name.char_indices().skip(1) {
        keys.push(NameKey {
            kind: KeyKind::NameInside,
            key: name[i..].to_string(),
        });
    }
    let units = units(name);
    if units
        .iter()
        .any(|u| u.syllable.is_some() && !u.ch.is_ascii())
    {
        let pinyin: String = units.iter().filter_map(|u| u.syllable.clone()).collect();
        let initials: String = units
            .iter()
            .filter_map(|u| u.syllable.as_ref().and_then(|s| s.chars().next()))
            .collect();
        keys.push(NameKey {
            kind: KeyKind::Pinyin,
            key: pinyin,
        });
        keys.push(NameKey {
            kind: KeyKind::Initials,
            key: initials,
        });
    }
    keys
}

/// A query with a Latin letter in it is a pinyin query (pure or mixed with characters).
pub fn is_pinyin_query(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
}

fn is_syllable(s: &str) -> bool {
    SYLLABLES.split(' ').any(|x| x == s)
}

fn starts_a_syllable(s: &str) -> bool {
    SYLLABLES.split(' ').any(|x| x.starts_with(s))
}

/// `name` matches the pinyin (or mixed) query `text` from its start: each character of the name
/// in turn is matched by itself, by its full syllable or by its first letter, and the query may
/// end part-way into a syllable (wangjia finds 王建国). Case does not matter.
pub fn matches_from_start(name: &str, text: &str) -> bool {
    let query: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches_at(&units(name), 0, &query, 0)
}

fn matches_at(units: &[Unit], i: usize, query: &[char], j: usize) -> bool {
    if j == query.len() {
        return true;
    }
    let Some(unit) = units.get(i) else {
        return false;
    };
    if unit.ch.to_ascii_lowercase() == query[j] && matches_at(units, i + 1, query, j + 1) {
        return true;
    }
    let Some(syllable) = &unit.syllable else {
        return false;
    };
    let rest: String = query[j..].iter().collect();
    if rest.starts_with(syllable.as_str()) && matches_at(units, i + 1, query, j + syllable.len()) {
        return true;
    }
    if syllable.starts_with(query[j]) && matches_at(units, i + 1, query, j + 1) {
        return true;
    }
    // The query ends inside this syllable.
    syllable.starts_with(rest.as_str())
}

/// One range of the side table a pinyin query's matches lie in: keys of `kind` starting with
/// `prefix`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyRange {
    pub kind: KeyKind,
    pub prefix: String,
}

/// One way to read a query: a segment per name character, each a full syllable or its first
/// letter (the last may be the start of a syllable).
#[derive(Clone)]
struct Segment {
    text: String,
    initial: char,
}

/// The key ranges every match of the pinyin query `text` lies in (`matches_from_start` then
/// tells the real matches). A query read as one syllable (or its start) lies in the full pinyin
/// keys starting with it; one read as several lies in the initials keys starting with their
/// first letters. Characters typed in the query stand for their own syllable.
pub fn key_ranges(text: &str) -> Vec<KeyRange> {
    let query: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut readings: Vec<Vec<Segment>> = Vec::new();
    split(&query, 0, &mut Vec::new(), &mut readings);
    let mut ranges: Vec<KeyRange> = readings
        .into_iter()
        .map(|segments| match segments.as_slice() {
            [only] => KeyRange {
                kind: KeyKind::Pinyin,
                prefix: only.text.clone(),
            },
            _ => KeyRange {
                kind: KeyKind::Initials,
                prefix: segments.iter().map(|s| s.initial).collect(),
            },
        })
        .collect();
    ranges.sort();
    ranges.dedup();
    // A range inside another adds nothing.
    let all = ranges.clone();
    ranges.retain(|r| {
        !all.iter()
            .any(|o| o != r && o.kind == r.kind && r.prefix.starts_with(&o.prefix))
    });
    ranges
}

fn split(query: &[char], j: usize, taken: &mut Vec<Segment>, out: &mut Vec<Vec<Segment>>) {
    if out.len() >= MAX_RANGES * 4 {
        return;
    }
    if j == query.len() {
        if !taken.is_empty() {
            out.push(taken.clone());
        }
        return;
    }
    let c = query[j];
    if !c.is_ascii_alphabetic() {
        // A character typed in the query: its own syllable, read in its place in the name.
        let Some(s) = syllable(c, taken.len()) else {
            return;
        };
        taken.push(Segment {
            initial: s.chars().next().unwrap_or(c),
            text: s,
        });
        split(query, j + 1, taken, out);
        taken.pop();
        return;
    }
    let letters: String = query[j..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let at_end = j + letters.len() == query.len();
    for len in 1..=letters.len().min(6) {
        let piece = &letters[..len];
        let last = at_end && len == letters.len();
        let fits = if last {
            starts_a_syllable(piece)
        } else {
            (len == 1 && starts_a_syllable(piece)) || is_syllable(piece)
        };
        if fits {
            taken.push(Segment {
                text: piece.to_string(),
                initial: query[j],
            });
            split(query, j + len, taken, out);
            taken.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(keys: &[NameKey], kind: KeyKind) -> Vec<&str> {
        keys.iter()
            .filter(|k| k.kind == kind)
            .map(|k| k.key.as_str())
            .collect()
    }

    #[test]
    fn a_name_is_keyed_by_itself_its_parts_pinyin_and_initials() {
        let keys = name_keys("王建国");
        assert_eq!(key(&keys, KeyKind::NameInside), ["建国", "国"]);
        assert_eq!(key(&keys, KeyKind::Pinyin), ["wangjianguo"]);
        assert_eq!(key(&keys, KeyKind::Initials), ["wjg"]);
    }

    #[test]
    fn a_surname_takes_its_surname_reading_and_u_umlaut_is_v() {
        assert_eq!(key(&name_keys("曾国藩"), KeyKind::Initials), ["zgf"]);
        assert_eq!(key(&name_keys("单田芳"), KeyKind::Pinyin), ["shantianfang"]);
        assert_eq!(key(&name_keys("吕布"), KeyKind::Pinyin), ["lvbu"]);
        // In the middle of a name the common reading stays.
        assert_eq!(key(&name_keys("王单"), KeyKind::Pinyin), ["wangdan"]);
    }

    #[test]
    fn initials_full_pinyin_and_mixed_queries_match_and_a_near_miss_does_not() {
        for query in [
            "wjg",
            "wangjianguo",
            "王jg",
            "wangjg",
            "wjianguo",
            "WJG",
            "wangjia",
            "w",
        ] {
            assert!(matches_from_start("王建国", query), "{query}");
        }
        for query in [
            "wjq",
            "wangjianguoo",
            "李jg",
            "jg",
            "wangjianguozhang",
            "wanggj",
        ] {
            assert!(!matches_from_start("王建国", query), "{query}");
        }
    }

    #[test]
    fn every_match_lies_in_one_of_the_query_s_key_ranges() {
        let keys = name_keys("王建国");
        for query in [
            "wjg",
            "wangjianguo",
            "王jg",
            "wangjg",
            "wjianguo",
            "wangjia",
            "w",
            "wj",
        ] {
            let ranges = key_ranges(query);
            assert!(
                ranges.iter().any(|r| keys
                    .iter()
                    .any(|k| k.kind == r.kind && k.key.starts_with(&r.prefix))),
                "{query}: {ranges:?}"
            );
        }
        assert_eq!(
            key_ranges("wjg"),
            [KeyRange {
                kind: KeyKind::Initials,
                prefix: "wjg".into()
            }]
        );
    }
}
