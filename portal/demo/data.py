"""The demo lab: its profile, people, papers, annual achievements and one reading list.

Publication facts (titles, author lists with their marks, venues, awards, links) are those the lab's
own pages print; every description is written for this demo. Author marks follow the lab's notation:
a trailing `*` is the corresponding author, a trailing `=` an equal contribution.
"""

LAB = {
    "name_en": "Advanced Computer Architecture Lab",
    "name_zh_hans": "先进计算机体系结构实验室",
    "short_name": "ACA Lab",
    "tagline_en": "Processing-in-memory, AI accelerators and the systems around them",
    "tagline_zh_hans": "存算一体、AI 加速器及其系统",
    "affiliation_en": "Department of Computer Science and Engineering, Shanghai Jiao Tong University",
    "affiliation_zh_hans": "上海交通大学计算机科学与工程系",
    "address_en": "800 Dongchuan Road, Minhang District, Shanghai",
    "address_zh_hans": "上海市闵行区东川路800号",
    "about_en": (
        "We design computer architectures for the workloads that strain today's machines: large "
        "language models, vision transformers, graph and point-cloud networks. Our work spans "
        "**processing-in-memory** hardware, domain-specific **accelerators**, and the compilers and "
        "runtime systems that let software use them."
    ),
    "about_zh_hans": (
        "我们为当今计算系统最吃力的负载设计体系结构：大语言模型、视觉 Transformer、图神经网络与点云网络。"
        "研究覆盖**存算一体**硬件、领域专用**加速器**，以及让软件用好它们的编译器与运行时系统。"
    ),
    "email": "aca-lab@example.org",
    "banner_caption_en": "A processing-in-memory die: memory banks, each with its processing unit, and the bridges between them",
    "banner_caption_zh_hans": "存算一体芯片：各存储体及其处理单元，以及它们之间的桥接",
}


RESEARCH_AREAS = [
    {
        "slug": "processing-in-memory",
        "name_en": "Processing-in-memory architecture",
        "name_zh_hans": "存算一体架构",
        "description_en": (
            "Non-von-Neumann systems that compute where data is stored, to get past the memory wall: "
            "ReRAM crossbars, near-DRAM-bank processing and in-memory search."
        ),
        "description_zh_hans": "在数据存放之处完成计算的非冯·诺依曼系统，突破内存墙：ReRAM 交叉阵列、近 DRAM bank 处理与存内搜索。",
    },
    {
        "slug": "ai-systems",
        "name_en": "High-performance AI systems",
        "name_zh_hans": "高性能 AI 系统",
        "description_en": (
            "Co-design across algorithms, codecs, compilers and architecture to relieve the compute, "
            "memory-access and communication bottlenecks of large models."
        ),
        "description_zh_hans": "算法、编解码、编译与架构的跨层协同设计，缓解大模型的算力、访存与通信瓶颈。",
    },
    {
        "slug": "accelerators",
        "name_en": "Domain-specific accelerators",
        "name_zh_hans": "领域专用加速器",
        "description_en": "Accelerators for transformers, point clouds, graph and spiking neural networks, and neural rendering.",
        "description_zh_hans": "面向 Transformer、点云、图神经网络、脉冲神经网络与神经渲染的专用加速器。",
    },
]


# role, slug, English name, Chinese name (only where the lab's pages give it), aliases, extra fields
PEOPLE = [
    {
        "slug": "li-jiang",
        "role": "pi",
        "name_en": "Li Jiang",
        "name_zh_hans": "蒋力",
        "aliases": ["L. Jiang", "Jiang Li", "蒋力"],
        "title_en": "Professor; Principal Investigator, Shanghai Qi Zhi Institute",
        "title_zh_hans": "教授，上海期智研究院 PI",
        "bio_en": (
            "Li Jiang is a professor in the Department of Computer Science and Engineering at Shanghai "
            "Jiao Tong University and a principal investigator at the Shanghai Qi Zhi Institute. He "
            "studied computer science at Shanghai Jiao Tong University (B.Eng., 2007) and earned his "
            "Ph.D. at The Chinese University of Hong Kong (2013).\n\n"
            "He works on computer architecture and design automation: AI processors, compilers, "
            "heterogeneous accelerators and processing-in-memory. His group has published over a "
            "hundred papers; techniques from it entered the IEEE P1838 standard and are in commercial "
            "use with industry partners."
        ),
        "bio_zh_hans": (
            "蒋力，上海交通大学计算机科学与工程系教授、上海期智研究院 PI。2007 年获上海交通大学计算机科学与技术学士学位，"
            "2013 年获香港中文大学博士学位。\n\n"
            "研究计算机体系结构与设计自动化，涉及 AI 处理器、编译器、异构加速器与存算一体架构。团队发表论文百余篇，"
            "部分技术已写入 IEEE P1838 标准，并随产业合作投入商用。"
        ),
        "orcid": "0000-0002-7353-8798",
        "openalex_id": "A5053801300",
        "areas": ["processing-in-memory", "ai-systems"],
        "display_order": 1,
        "joined_on": "2014-09-01",
        "honors": [
            (2023, "Selected for a national young talent programme", "入选国家级青年人才计划"),
            (2022, "Wu Wenjun AI Science and Technology Award (chips), second prize", "吴文俊人工智能奖（芯片类）二等奖"),
            (2019, "CCF Integrated Circuit Early Career Award", "CCF 集成电路 Early Career Award"),
            (2019, "ACM Shanghai Rising Star Award", "ACM 上海新星奖"),
        ],
    },
    {
        "slug": "zhuoran-song",
        "role": "faculty",
        "name_en": "Zhuoran Song",
        "name_zh_hans": "宋卓然",
        "aliases": ["Z. Song", "Song Zhuoran", "宋卓然"],
        "title_en": "Assistant Professor",
        "title_zh_hans": "助理教授",
        "bio_en": (
            "Zhuoran Song builds accelerators for neural networks — vision and video transformers, point "
            "clouds, graph and spiking networks, neural rendering — together with the algorithm changes "
            "that make them efficient. His papers appear at ISCA, MICRO, HPCA, ASPLOS and DAC; two "
            "received Best Paper Awards at DATE."
        ),
        "bio_zh_hans": (
            "宋卓然研究神经网络加速器——视频与视觉 Transformer、点云、图神经网络与脉冲神经网络、神经渲染——"
            "以及让硬件高效运行的算法协同设计。论文发表于 ISCA、MICRO、HPCA、ASPLOS 与 DAC，其中两篇获 DATE 最佳论文奖。"
        ),
        "orcid": "0000-0002-6494-4786",
        "openalex_id": "A5067161373",
        "github": "",
        "areas": ["accelerators", "ai-systems"],
        "display_order": 2,
        "joined_on": "2021-09-01",
        "honors": [
            (2024, "DATE 2024 Best Paper Award (FusionArch)", "DATE 2024 最佳论文奖（FusionArch）", "FusionArch:"),
            (2023, "DATE 2023 Best Paper Award (PRADA)", "DATE 2023 最佳论文奖（PRADA）", "PRADA:"),
        ],
    },
    {
        "slug": "xiaoyao-liang", "role": "faculty", "name_en": "Xiaoyao Liang", "name_zh_hans": "梁晓峣",
        "aliases": ["X. Liang", "Xiaoyang Liang"], "title_en": "Professor", "title_zh_hans": "教授",
        "orcid": "0000-0002-2790-5884", "areas": ["accelerators"], "display_order": 3,
    },
    {
        "slug": "naifeng-jing", "role": "faculty", "name_en": "Naifeng Jing", "name_zh_hans": "景乃锋",
        "aliases": ["N. Jing"], "title_en": "Associate Professor", "title_zh_hans": "副教授",
        "areas": ["accelerators"], "display_order": 4,
    },
    {
        "slug": "fangxin-liu", "role": "researcher", "name_en": "Fangxin Liu", "name_zh_hans": "刘方鑫",
        "aliases": ["F. Liu"], "title_en": "Assistant Researcher", "title_zh_hans": "助理研究员",
        "areas": ["processing-in-memory"], "display_order": 10,
    },
    {"slug": "zhezhi-he", "role": "faculty", "name_en": "Zhezhi He", "orcid": "0000-0002-6357-236X",
     "title_en": "Assistant Professor", "title_zh_hans": "助理教授", "display_order": 5},
    {"slug": "zongwu-wang", "role": "phd", "name_en": "Zongwu Wang", "areas": ["ai-systems"], "github": "ZongwuWang"},
    {"slug": "xuhang-wang", "role": "phd", "name_en": "Xuhang Wang", "areas": ["accelerators"]},
    {"slug": "xueyuan-liu", "role": "phd", "name_en": "Xueyuan Liu", "areas": ["accelerators"]},
    {"slug": "xuan-zhang", "role": "phd", "name_en": "Xuan Zhang", "areas": ["processing-in-memory"]},
    {"slug": "xing-li", "role": "phd", "name_en": "Xing Li", "areas": ["processing-in-memory"]},
    {"slug": "houshu-he", "role": "phd", "name_en": "Houshu He", "areas": ["accelerators"]},
    {"slug": "haomin-li", "role": "phd", "name_en": "Haomin Li", "aliases": ["HaominLi"]},
    {"slug": "ning-yang", "role": "master", "name_en": "Ning Yang"},
    {"slug": "yilong-zhao", "role": "phd", "name_en": "Yilong Zhao", "areas": ["processing-in-memory"]},
    {"slug": "tao-yang", "role": "phd", "name_en": "Tao Yang", "aliases": ["TaoYang"]},
    {"slug": "chunyu-qi", "role": "master", "name_en": "Chunyu Qi"},
    {"slug": "heng-lu", "role": "master", "name_en": "Heng Lu", "joined_on": "2020-09-01", "left_on": "2023-06-30"},
    {"slug": "feiyang-wu", "role": "master", "name_en": "Feiyang Wu", "joined_on": "2019-09-01", "left_on": "2022-06-30"},
    {"slug": "dongyue-li", "role": "phd", "name_en": "Dongyue Li", "orcid": "0000-0002-2566-7851",
     "joined_on": "2019-09-01", "left_on": "2024-06-30"},
]  # fmt: skip


# Annual achievements (年度成果): year, order, slug, short name, related paper titles, people, links.
ACHIEVEMENTS = [
    {
        "year": 2025, "order": 1, "slug": "million", "short_name": "MILLION", "featured": True,
        "title_en": "MILLION: product quantization makes long-context LLM inference fit and fly",
        "title_zh_hans": "MILLION：以乘积量化定义长上下文大模型推理新范式",
        "summary_en": (
            "In long contexts the key-value cache, not the weights, fills GPU memory. MILLION compresses "
            "it with product quantization, which tolerates the outliers that defeat uniform integer "
            "quantization, and hides the cost of quantizing behind a split attention kernel: 4× less "
            "cache and 2× faster decoding at 32K tokens, with almost no loss of quality."
        ),
        "summary_zh_hans": (
            "长上下文下占满显存的是键值缓存而非权重。MILLION 用乘积量化压缩键值缓存，对均匀整型量化难以处理的异常值天然鲁棒，"
            "并通过分块注意力把在线量化开销隐藏起来：在 32K 上下文下缓存压缩 4 倍、解码加速 2 倍，输出质量几乎无损。"
        ),
        "body_en": (
            "## Why outliers matter\n\n"
            "A single large value stretches the range of a uniformly quantized group, so every other "
            "value lands in a few low codes. Channel-wise or token-wise scales help only when outliers "
            "line up with that direction — sampled caches show they often do not.\n\n"
            "## Product quantization\n\n"
            "Splitting each vector into low-dimensional sub-spaces and clustering within each lets codes "
            "follow the data's real distribution; sub-spaces of 2 or 4 dimensions balance cost and "
            "accuracy.\n\n"
            "## System design\n\n"
            "Codebooks are trained offline in seconds. Prefill compresses the cache; decoding computes "
            "attention over the history with precomputed look-up tables and over new tokens exactly, "
            "so quantization is batched and deferred. Kernels load codes as wide vectors to saturate "
            "bandwidth."
        ),
        "body_zh_hans": (
            "## 异常值为何致命\n\n"
            "一个显著偏大的值会拉宽整组均匀量化的范围，使其余数值挤在少数低位编码上。沿通道或沿词元设置量化参数，"
            "只在异常值恰好沿该方向分布时有效，而实际采样的缓存往往并非如此。\n\n"
            "## 乘积量化\n\n"
            "把向量切分为若干低维子空间并在各子空间内聚类，编码就能贴合数据的真实分布；子空间维度取 2 或 4 时代价与精度最为均衡。\n\n"
            "## 系统设计\n\n"
            "码本离线训练，只需数秒。预填充阶段压缩缓存；解码阶段对历史部分用预计算查找表计算注意力、对新词元精确计算，"
            "从而批量延迟量化。算子以宽数据向量化加载编码，使带宽饱和。"
        ),
        "publications": ["MILLION: Mastering Long-Context LLM Inference Via Outlier-Immunized KV Product Quantization"],
        "people": ["zongwu-wang", "fangxin-liu", "li-jiang"],
        "areas": ["ai-systems"],
        "links": [("arxiv", "https://arxiv.org/abs/2504.03661"), ("code", "https://github.com/ZongwuWang/MILLION")],
        "figures": [
            ("KV cache size at 32K tokens, relative to half precision", "32K 上下文下键值缓存大小（相对半精度）",
             [("FP16", 100), ("MILLION", 25)]),
            ("Time per output token at 32K tokens, relative", "32K 上下文下每词元输出时间（相对值）",
             [("baseline", 100), ("MILLION", 50)]),
        ],
    },
    {
        "year": 2024, "order": 1, "slug": "inspire", "short_name": "INSPIRE", "featured": True,
        "title_en": "INSPIRE: index-pair encoding for DNN acceleration",
        "title_zh_hans": "INSPIRE：基于索引对编码的 DNN 加速方案",
        "summary_en": (
            "Fixed-length formats lose accuracy on outliers, and variable-length ones cost decoding "
            "hardware. INSPIRE encodes weights and activations as index pairs into clustered centroids "
            "and replaces multiply-accumulate units with look-up tables: 9.31× faster and 81.3% less "
            "energy with near-lossless accuracy (DAC 2024)."
        ),
        "summary_zh_hans": (
            "定长数据格式在异常值上损失精度，变长格式又带来解码硬件开销。INSPIRE 把权重与激活编码为指向聚类质心的索引对，"
            "以查找表替代乘累加单元：在精度近乎无损的前提下，性能提升 9.31 倍、能耗降低 81.3%（DAC 2024）。"
        ),
        "publications": ["INSPIRE: Accelerating Deep Neural Networks via Hardware-friendly Index-Pair Encoding"],
        "people": ["fangxin-liu", "ning-yang", "zhuoran-song", "li-jiang"],
        "areas": ["accelerators"],
    },
    {
        "year": 2024, "order": 2, "slug": "eos", "short_name": "EOS",
        "title_en": "EOS: energy attacks on spiking neural networks",
        "title_zh_hans": "EOS：面向脉冲神经网络的能耗攻击与防御",
        "summary_en": (
            "A spiking network's energy follows its spike activity. EOS flips a few DRAM bits holding "
            "the most active neurons' state (a row-hammer attack) to raise energy by 43% on average "
            "without changing accuracy — and shows how to defend against it (DAC 2024)."
        ),
        "summary_zh_hans": (
            "脉冲神经网络的能耗取决于脉冲活性。EOS 借助行锤攻击翻转存放最活跃神经元状态的少量 DRAM 比特，"
            "在不影响准确率的情况下使平均能耗上升 43%，并给出相应的防御思路（DAC 2024）。"
        ),
        "publications": ["EOS: An Energy-Oriented Attack Framework for Spiking Neural Networks"],
        "people": ["fangxin-liu", "li-jiang"],
        "areas": ["accelerators"],
    },
    {
        "year": 2024, "order": 3, "slug": "rtsa", "short_name": "RTSA",
        "title_en": "RTSA: in-memory search for sub-100 μs collision detection",
        "title_zh_hans": "RTSA：基于八叉树编码的存内搜索碰撞检测",
        "summary_en": (
            "Collision detection takes most of a robot's motion-planning time. RTSA stores roadmap edges "
            "in RRAM-based ternary CAMs, encodes space as an octree, and searches in parallel in memory: "
            "under 100 μs on an 800 MB roadmap, 27–286× faster than earlier hardware (DATE 2024)."
        ),
        "summary_zh_hans": (
            "碰撞检测占据机器人运动规划的大部分时间。RTSA 把路线图边存入基于 RRAM 的三态内容寻址存储器，以八叉树编码空间，"
            "在存储内并行搜索：800 MB 路线图上响应时间低于 100 μs，比已有硬件方案快 27–286 倍（DATE 2024）。"
        ),
        "publications": ["RTSA: An RRAM-TCAM based In-Memory-Search Accelerator for Sub-100 μs Collision Detection"],
        "people": ["fangxin-liu", "li-jiang"],
        "areas": ["processing-in-memory"],
    },
    {
        "year": 2024, "order": 4, "slug": "ndpbridge", "short_name": "NDPBridge", "featured": True,
        "title_en": "NDPBridge: cross-bank coordination for near-DRAM-bank processing",
        "title_zh_hans": "NDPBridge：近 DRAM bank 处理架构中的跨 bank 协调",
        "summary_en": (
            "Near-bank processing units are fast but isolated from each other. NDPBridge adds hardware "
            "bridges that reuse the DRAM's existing interfaces to move data across banks, and a "
            "hierarchical, transfer-aware scheduler to balance load: 2.23× faster on average, up to "
            "2.98×, with no change to the DRAM chip's size or interface (ISCA 2024)."
        ),
        "summary_zh_hans": (
            "近 bank 处理单元速度快却彼此隔离。NDPBridge 复用 DRAM 内部已有接口与连线，引入硬件桥实现跨 bank 传输，"
            "并以层次化、传输感知的调度实现负载均衡：平均性能提升 2.23 倍、最高 2.98 倍，且不改变 DRAM 芯片的尺寸与接口（ISCA 2024）。"
        ),
        "publications": ["NDPBridge: Enabling Cross-Bank Coordination in Near-DRAM-Bank Processing Architectures"],
        "people": ["li-jiang"],
        "areas": ["processing-in-memory"],
        "figures": [("Speed-up over near-bank processing without bridges", "相对无桥接近 bank 处理的加速比",
                     [("baseline", 100), ("average", 223), ("best", 298)])],
    },
    {
        "year": 2023, "order": 1, "slug": "sparse-pim", "short_name": "Sparse PIM",
        "title_en": "Sparse processing-in-memory through hardware–software co-design",
        "title_zh_hans": "软硬协同的稀疏存内计算架构",
        "summary_en": (
            "Crossbar arrays are highly parallel but rigid about sparsity. Decoupling operands from the "
            "dataflow supports fine-grained static sparsity, a hierarchical structured pattern handles "
            "runtime sparsity, and a sparse IR in the compiler splits and fuses operators to the array "
            "size. The compiler work doubled performance on a commercial AI processor."
        ),
        "summary_zh_hans": (
            "忆阻器阵列并行度高，却难以利用细粒度稀疏。团队通过解耦数据流与操作数支持静态稀疏，用层次化结构化稀疏范式应对运行时稀疏，"
            "并在编译器中以稀疏 IR 按阵列粒度拆分、融合算子。相关编译技术使商用 AI 处理器性能提升 2 倍。"
        ),
        "publications": ["PSQ: An Automatic Search Framework for Data-Free Quantization on PIM-based Architecture"],
        "people": ["li-jiang", "tao-yang"],
        "areas": ["processing-in-memory"],
    },
]  # fmt: skip


DEMO_PASSWORD = "demo-portal-2025"


DEMO_MEMBER_PERSON = "zongwu-wang"  # whose profile and papers demo-member edits


# The lab's roster over time: slug -> stints (role, start, end or None, degree, destination in English
# and Chinese, supervisors as (slug, main?)). People not listed keep the one stint their role and dates
# above give. Destinations are the demo's own, general words.
STINTS = {
    "li-jiang": [("pi", "2014-09", None, "", "", "", [])],
    "zhuoran-song": [("faculty", "2021-09", None, "", "", "", [])],
    "fangxin-liu": [("researcher", "2022-07", None, "", "", "", [])],
    "zongwu-wang": [("phd", "2021-09", None, "", "", "", [("li-jiang", True)])],
    "xuhang-wang": [("phd", "2022-09", None, "", "", "", [("li-jiang", True), ("zhuoran-song", False)])],
    "xueyuan-liu": [
        ("master", "2020-09", "2023-06", "master", "PhD studies in the lab", "在本组继续攻读博士",
         [("zhuoran-song", True)]),
        ("phd", "2023-09", None, "", "", "", [("li-jiang", True), ("zhuoran-song", False)]),
    ],
    "xuan-zhang": [("phd", "2022-09", None, "", "", "", [("li-jiang", True)])],
    "xing-li": [("phd", "2021-09", None, "", "", "", [("li-jiang", True)])],
    "houshu-he": [("phd", "2023-09", None, "", "", "", [("zhuoran-song", True)])],
    "haomin-li": [("phd", "2022-09", None, "", "", "", [("li-jiang", True)])],
    "ning-yang": [("master", "2023-09", None, "", "", "", [("zhuoran-song", True)])],
    "yilong-zhao": [("phd", "2020-09", None, "", "", "", [("li-jiang", True)])],
    "tao-yang": [
        ("master", "2019-09", "2021-06", "master", "PhD studies in the lab", "在本组继续攻读博士",
         [("li-jiang", True)]),
        ("phd", "2021-09", None, "", "", "", [("li-jiang", True)]),
    ],
    "chunyu-qi": [("master", "2024-09", None, "", "", "", [("zhuoran-song", True), ("li-jiang", False)])],
    "heng-lu": [("master", "2020-09", "2023-06", "master", "An AI-chip start-up", "一家 AI 芯片初创公司",
                 [("zhuoran-song", True)])],
    "feiyang-wu": [("master", "2019-09", "2022-06", "master", "A cloud provider's hardware team",
                    "某云服务商硬件团队", [("li-jiang", True)])],
    "dongyue-li": [("phd", "2019-09", "2024-06", "doctorate", "A faculty post at a university", "高校教职",
                    [("li-jiang", True)])],
}  # fmt: skip


# The lab's own honours (year, title, awarding body, note in English and Chinese; the paper whose award
# it is, by the start of its title).
LAB_HONORS = [
    (2022, ("Best Paper Nomination", "最佳论文提名"), ("DATE 2022", "DATE 2022"), ("", ""), "DTQAtten:"),
]


# (date, precision, English, Chinese, papers by title start, people, achievement slugs): the demo's
# own words about facts the lab's pages give.
NEWS = [
    ("2023-04-19", "day", "Our paper **PRADA** received the Best Paper Award at DATE 2023.",
     "论文 **PRADA** 获 DATE 2023 最佳论文奖。", ["PRADA:"], ["zhuoran-song", "heng-lu"], []),
    ("2023-07-01", "month", "Six papers were accepted by ICCD 2023.", "六篇论文被 ICCD 2023 接收。",
     ["DEQ:", "HyAcc:", "RealArch:"], [], []),
    ("2023-11-01", "month", "**SPARK** was accepted by HPCA 2024.", "**SPARK** 被 HPCA 2024 接收。",
     ["SPARK:"], [], []),
    ("2024-02-01", "month", "**CMC**, on video transformer acceleration, was accepted by ASPLOS 2024.",
     "视频 Transformer 加速工作 **CMC** 被 ASPLOS 2024 接收。", ["CMC:"], [], []),
    ("2024-03-27", "day", "**FusionArch** received the Best Paper Award at DATE 2024, our second in a row.",
     "**FusionArch** 获 DATE 2024 最佳论文奖，连续第二年获此奖项。", ["FusionArch:"], ["xueyuan-liu", "zhuoran-song"],
     []),
    ("2024-03-01", "month", "Two papers, **NDPBridge** and **UM-PIM**, were accepted by ISCA 2024.",
     "**NDPBridge** 与 **UM-PIM** 两篇论文被 ISCA 2024 接收。", ["NDPBridge:", "UM-PIM:"], [], ["ndpbridge"]),
    ("2024-03-15", "day", "Six papers were accepted by DAC 2024, among them **INSPIRE** and **EOS**.",
     "六篇论文被 DAC 2024 接收，其中包括 **INSPIRE** 与 **EOS**。", ["INSPIRE:", "EOS:", "TSAcc:"], [],
     ["inspire", "eos"]),
    ("2024-06-30", "day", "Dongyue Li defended his PhD thesis. Congratulations!", "李东岳通过博士论文答辩，祝贺！",
     [], ["dongyue-li"], []),
    ("2024-07-01", "month", "**SRender**, on neural radiance fields, was accepted by MICRO 2024.",
     "神经辐射场加速工作 **SRender** 被 MICRO 2024 接收。", ["SRender:"], [], []),
    ("2024-09-01", "month", "Welcome to the new students who joined the lab this autumn.", "欢迎今秋加入实验室的新同学。",
     [], ["chunyu-qi"], []),
    ("2024-11-01", "month", "**GSArch**, on 3D Gaussian splatting training, was accepted by HPCA 2025.",
     "3D 高斯泼溅训练加速工作 **GSArch** 被 HPCA 2025 接收。", ["GSArch:"], [], []),
    ("2025-04-08", "day", "We released **MILLION**, an open-source framework for quantised long-context LLM "
     "inference, with its preprint on arXiv.", "开源 **MILLION** 框架并在 arXiv 发布论文：面向长上下文大模型的量化推理。",
     ["MILLION:"], ["zongwu-wang"], ["million"]),
    ("2025-06-01", "month", "A draft of news that visitors must not see.", "", [], [], []),
]  # fmt: skip
