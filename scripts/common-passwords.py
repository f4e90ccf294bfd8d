#!/usr/bin/env python3
"""Writes src/Fund.Core/Security/common-passwords.txt: ~10,000 common passwords, lower case, one a line.

There is no internet on the build machines, so the list is not a copy of a leaked-password corpus: it is generated,
deterministically, from the patterns such corpora are made of — digit runs and repeats, keyboard walks, English and
pinyin words, Chinese surnames and given names, lucky numbers (520, 1314, 888), years and birthdays, each with the
usual suffixes. Run it again after changing a pattern; the output is the same on every machine.
"""
import itertools
import pathlib

LIMIT = 10_000
out: list[str] = []
seen: set[str] = set()


def add(word: str) -> None:
    w = word.lower()
    if 4 <= len(w) <= 32 and w not in seen:
        seen.add(w)
        out.append(w)


digit_runs = ["123456", "1234567", "12345678", "123456789", "1234567890", "0123456789", "987654321", "87654321",
              "654321", "7654321", "111111", "000000", "888888", "666666", "11111111", "00000000", "88888888",
              "66666666", "12341234", "11223344", "112233", "123123", "123123123", "123321", "1234554321",
              "147258369", "147258", "159357", "159753", "741852963", "789456123", "321321", "520520", "5201314",
              "1314520", "13145200", "52013141314", "1qaz2wsx", "147852", "258369", "963852741", "100200",
              "101010", "202020", "121212", "131313", "12121212", "123654", "456789", "12345679", "5211314"]
for d in range(10):
    for n in range(6, 13):
        add(str(d) * n)
for r in digit_runs:
    add(r)

walks = ["qwerty", "qwertyuiop", "qwer", "qwert", "asdf", "asdfgh", "asdfghjkl", "zxcv", "zxcvbn", "zxcvbnm",
         "qazwsx", "qazwsxedc", "qweasd", "qweasdzxc", "1qaz2wsx", "1qaz2wsx3edc", "2wsx3edc", "zaq12wsx",
         "1q2w3e", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "a1s2d3f4", "z1x2c3v4",
         "qwe123", "asd123", "zxc123", "qaz123", "wsx123", "1234qwer", "qwer1234", "1234asdf", "asdf1234",
         "zxcv1234", "1234zxcv", "qweqwe", "asdasd", "zxczxc", "qwertyui", "asdfghjk", "poiuytrewq",
         "lkjhgfdsa", "mnbvcxz", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghij", "abcd", "abc", "abcabc",
         "aaaaaa", "aaaaaaaa", "aaa111", "aa1111", "a1a1a1", "a1a1a1a1", "a1b2c3", "a1b2c3d4", "abc123abc",
         "qqqqqq", "qqqqqqqq", "zzzzzz", "xxxxxx", "1a2b3c", "1a2b3c4d"]
for w in walks:
    add(w)

english = ["password", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "pass123", "admin", "administrator", "root",
           "welcome", "letmein", "monkey", "dragon", "master", "sunshine", "princess", "football", "baseball",
           "basketball", "iloveyou", "iloveu", "loveyou", "love", "lovely", "shadow", "superman", "batman",
           "michael", "jennifer", "charlie", "jordan", "hunter", "killer", "trustno1", "freedom", "whatever",
           "qwerty", "starwars", "computer", "internet", "hello", "hellokitty", "test", "tester", "testing",
           "user", "guest", "login", "secret", "changeme", "default", "system", "server", "oracle", "mysql",
           "database", "service", "support", "manager", "office", "company", "china", "chinese", "apple",
           "google", "baidu", "tencent", "wechat", "weixin", "alibaba", "taobao", "qq", "android", "iphone",
           "samsung", "huawei", "xiaomi", "lenovo", "summer", "winter", "spring", "autumn", "happy", "lucky",
           "angel", "baby", "cookie", "flower", "orange", "banana", "cherry", "tiger", "panda", "rabbit",
           "soccer", "music", "money", "family", "friend", "forever", "golden", "silver", "diamond", "ginger",
           "pepper", "maggie", "daniel", "thomas", "robert", "jessica", "ashley", "andrew", "joshua", "matthew",
           "anthony", "william", "george", "david", "james", "john", "kevin", "jason", "eric", "peter",
           "fund", "housing", "account", "bank", "counter", "clerk", "staff", "supervisor", "office",
           "abcd", "abc", "qwe", "asd", "zxc", "aaa", "aa", "a", "q", "z", "x"]
pinyin = ["woaini", "woaiwojia", "aini", "aiwo", "woaini1314", "nihao", "nihaoma", "laopo", "laogong",
          "baobao", "baobei", "qinai", "xiaobao", "xiaoming", "xiaohong", "xiaoqiang", "xiaoyu", "xiaofeng",
          "zhongguo", "beijing", "shanghai", "guangzhou", "shenzhen", "zhengzhou", "henan", "xinyang",
          "gongjijin", "zhufang", "fangzi", "mima", "yonghu", "guanli", "guanliyuan", "kaixin", "xingfu",
          "pingan", "jiayou", "fachai", "facai", "caishen", "wodemima", "woshishui", "tiantian", "yiyi",
          "wangwang", "haha", "hehe", "xixi", "lala", "qiqi", "lili", "jingjing", "yuanyuan", "dandan",
          "tingting", "feifei", "lingling", "huahua", "meimei", "didi", "gege", "jiejie", "mama", "baba",
          "shuai", "meinv", "shuaige", "aiqing", "yongyuan", "yibeizi", "yisheng", "yishengyishi",
          "longlong", "feng", "yun", "tian", "xing", "yue", "hai", "shan", "ming", "hong", "long", "hua"]
surnames = ["zhang", "wang", "li", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu",
            "gao", "lin", "he", "guo", "ma", "luo", "liang", "song", "zheng", "xie", "han", "tang", "feng", "yu",
            "dong", "xiao", "cheng", "cao", "yuan", "deng", "fu", "shen", "zeng", "peng", "lu", "su", "jiang",
            "cai", "jia", "ding", "wei", "xue", "ye", "yan", "pan", "du", "dai", "xia", "zhong", "tian", "ren",
            "fan", "fang", "shi", "yao", "tan", "liao", "zou", "xiong", "jin", "hao", "kong", "bai", "cui", "kang",
            "mao", "qiu", "qin", "gu", "hou", "shao", "meng", "long", "wan", "duan", "lei", "qian", "tang"]
given = ["wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "juan",
         "tao", "ming", "chao", "xiu", "xia", "hua", "ping", "gang", "gui", "ying", "hui", "bin", "bo", "lin",
         "hong", "fei", "peng", "hao", "yu", "xin", "jian", "feng", "lan", "dan", "qing", "mei", "ting", "yun",
         "rui", "kai", "long", "hai", "bing", "yi", "xue", "lu"]
for w in english + pinyin:
    add(w)

suffixes = ["123", "1234", "12345", "123456", "12345678", "123456789", "1", "12", "11", "111", "1111", "0", "00",
            "000", "01", "007", "520", "521", "1314", "5201314", "666", "6666", "888", "8888", "88", "66", "99",
            "999", "168", "518", "2008", "2010", "2012", "2015", "2016", "2018", "2019", "2020", "2021", "2022",
            "2023", "2024", "2025", "2026", "2027", "!", "!!", "@", "@123", "#123", "!@#", "123!", "1!", "@2024",
            "@2025", "@2026", "#", ".", "_123", "abc", "qwe", "asd", "aa", "ab", "a", "q"]
prefixes = ["123", "1234", "12345", "123456", "a", "aa", "abc", "qq", "wo", "i", "my", "520", "1314", "888", "666"]

# Most likely first: the list is cut at LIMIT, so the long name-and-year tails go last.
for c in "abcdefghijklmnopqrstuvwxyz":
    for n in (6, 8):
        add(c * n)
    for d in ["123456", "1234567", "12345678", "123456789", "111111", "888888", "000000"]:
        add(c + d)
        add(c * 2 + d)
        add(d + c)
        add(d + c * 2)
for w in walks:
    for s in ["!", "@", "123", "1", "12", "666", "888", "2024", "2025", "2026"]:
        add(w + s)
for w, s in itertools.product(english + pinyin, suffixes[:16]):
    add(w + s)
for p, w in itertools.product(prefixes[:8], english[:40] + pinyin[:30]):
    add(p + w)
for w in english[:60] + pinyin[:40]:
    add(w.capitalize() + "123")
    add(w.replace("a", "@").replace("o", "0"))
    add(w + w)
for name, g in itertools.product(surnames[:40], given[:30]):
    add(name + g)
    add(name + g + "123")
for g in given:
    for s in suffixes[:12]:
        add(g + g + s)
years = [str(y) for y in range(1950, 2031)]
for name in surnames:
    for s in suffixes[:12] + years[30:]:
        add(name + s)
for w, s in itertools.product(english[:80] + pinyin[:40], suffixes[16:]):
    add(w + s)
for w, y in itertools.product(english[:40] + pinyin[:30], years):
    add(w + y)
for name, g in itertools.product(surnames[:40], given[:30]):
    for s in ["1", "520", "888", "666", "1314", "2025", "2026"]:
        add(name + g + s)

out = out[:LIMIT]
target = pathlib.Path(__file__).resolve().parent.parent / "src/Fund.Core/Security/common-passwords.txt"
target.write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{len(out)} passwords written to {target}")
