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

# kind (C conference, J journal, P preprint), year, venue acronym (CCF list) or printed venue text,
# authors as printed with marks, title, extras. Listed oldest first: the order within a year is the
# order the lab numbers them in.
PUBLICATIONS = [
    ("C", 2018, "ICCAD", "Haiyue Song, Li Jiang, Chengwen Xu, Zhuoran Song, Naifeng Jing, Xiaoyao Liang, Qiang Xu",
     "Invocation-driven Neural Approximate Computing with a Multiclass-Classifier and Multiple Approximators",
     {"doi": "10.1145/3240765.3240819"}),
    ("J", 2019, "TODAES", "Li Jiang=, Zhuoran Song=, Song H",
     "Energy-Efficient and Quality-Assured Approximate Computing Framework Using a Co-Training Method",
     {"doi": "10.1145/3342239"}),
    ("C", 2019, "DATE", "Zhuoran Song, Dongyu Ru, Ru Wang, Hongru Huang, Zhenghao Peng, Jing Ke, Xiaoyao Liang, Li Jiang",
     "Approximate Random Dropout for DNN training acceleration in GPGPU",
     {"url": "https://ieeexplore.ieee.org/abstract/document/8715135/"}),
    ("C", 2020, "GLSVLSI", "Zhuoran Song, Yilong Zhao, Yanan Sun, Xiaoyao Liang, Li Jiang",
     "ESNreram: An Energy-Efficient Sparse Neural Network Based on Resistive Random-Access Memory",
     {"doi": "10.1145/3386263.3406897"}),
    ("C", 2020, "HPCC", "Zhaoming Jiang, Zhuoran Song, Naifeng Jing, Xiaoyao Liang",
     "PRArch: Pattern-Based Reconfigurable Architecture for Deep Neural Network Acceleration",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9408033"}),
    ("J", 2020, "TCAD", "Zhuoran Song, Lerong Chen, Tianjian Li, Naifeng Jing, Xiaoyao Liang, Yanan Sun, Li Jiang",
     "ITT-RNA: Imperfection Tolerable Training for RRAM-Crossbar based Deep Neural-network Accelerator",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9075156/"}),
    ("C", 2020, "DAC", "Zhuoran Song, Jianfei Wang, Tianjian Li, Li Jiang, Jing Ke, Xiaoyao Liang, Naifeng Jing",
     "GPNPU: Enabling Efficient Hardware-Based Direct Convolution with Multi-Precision Support in GPU Tensor Cores",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9218566/"}),
    ("C", 2020, "ISCA", "Zhuoran Song, Bangqi Fu, Feiyang Wu, Zhaoming Jiang, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "DRQ: Dynamic Region-Based Quantization for Deep Neural Network Acceleration",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9138970/", "featured": True}),
    ("C", 2020, "MICRO", "Zhuoran Song, Feiyang Wu, Xueyuan Liu, Naifeng Jing, Xiaoyao Liang",
     "VR-DANN: Real-Time Video Recognition via Decoder-Assisted Neural Network Acceleration",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9251974/"}),
    ("C", 2021, "ISCAS", "Zhuoran Song=, Dongyue Li=, Zhezhi He, Xiaoyao Liang, Li Jiang",
     "ReRAM-Sharing: Fine-Grained Weight Sharing for ReRAM-Based Deep Neural Network Accelerator",
     {"doi": "10.1109/iscas51556.2021.9401155", "ccf_rank_printed": "C", "openalex_id": "W3157696568",
      "cited_by_count": 6, "pages": "1-5", "date": "2021-04-27"}),
    ("J", 2021, "CCCF", "宋卓然, 蒋力", "深度神经网络专用架构与压缩技术演进",
     {"language": "zh", "title_lang": "zh_hans", "volume": "17", "issue": "3",
      "venue_text": "中国计算机学会通讯, 2021年第3期"}),
    ("C", 2022, "ISPA", "Feiyang Wu, Zhuoran Song, Jing Ke, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "PIPArch: Programmable Image Processing Architecture Using Sliding Array",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9644888/"}),
    ("C", 2022, "DATE", "Tao Yang, Dongyue Li, Zhuoran Song, Yilong Zhao, Fangxin Liu, Zongwu Wang, Zhezhi He, Li Jiang",
     "DTQAtten: Leveraging Dynamic Token-based Quantization for Efficient Attention Architecture",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9774692", "awards": ["best_paper_nomination"]}),
    ("J", 2022, "TCAD", "Tao Yang, Dongyue Li, Fei Ma, Zhuoran Song, Yilong Zhao, Jiaxi Zhang, Fangxin Liu, Li Jiang",
     "PASGCN: An ReRAM-Based PIM Design for GCN with Adaptively Sparsified Graphs",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9774869"}),
    ("C", 2022, "DAC", "Zhuoran Song, Zhongkai Yu, Naifeng Jing, Xiaoyao Liang",
     "E²SR: An End-to-End Video CODEC Assisted System for Super Resolution Acceleration",
     {"doi": "10.1145/3489517.3530423"}),
    ("J", 2022, "TODAES", "Zhuoran Song, Naifeng Jing, Xiaoyao Liang",
     "E²-VOR: An End-to-End En/Decoder Architecture for Efficient Video Object Recognition",
     {"doi": "10.1145/3543852"}),
    ("C", 2022, "ICCAD", "Xing Li, Rachata Ausavarungnirun, Xiao Liu, Xueyuan Liu, Xuan Zhang, Heng Lu, Zhuoran Song, Naifeng Jing, Xiaoyao Liang",
     "Gzippo: Highly-compact Processing-In-Memory Graph Accelerator Alleviating Sparsity and Redundancy",
     {"pdf_url": "https://rausavar.github.io/pubs/li_iccad22.pdf"}),
    ("C", 2022, "MICRO", "Gang Li, Weixiang Xu, Zhuoran Song, Naifeng Jing, Jian Chen, Xiaoyao Liang",
     "Ristretto: An Atomized Processing Architecture for Sparsity-Condensed Stream Flow in CNN",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9923879"}),
    ("C", 2022, "ICCD", "Heng Lu, Zhuoran Song*, Xing Li, Naifeng Jing, Xiaoyao Liang",
     "GCNTrain: A Unified and Efficient Accelerator for Graph Convolutional Neural Networks Training",
     {"url": "https://ieeexplore.ieee.org/document/9978337"}),
    ("J", 2022, "TCAD", "Zhuoran Song, Heng Lu, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "Real-Time Video Recognition via Decoder-Assisted Neural Network Acceleration Framework",
     {"url": "https://ieeexplore.ieee.org/abstract/document/9931136"}),
    ("P", 2022, "arXiv", "Zhuoran Song, Yihong Xu, Zhezhi He, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "CP-ViT: Cascade Vision Transformer Pruning via Progressive Sparsity Prediction",
     {"status": "preprint"}),
    ("C", 2023, "DATE", "Zhuoran Song, Heng Lu, Gang Li, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "PRADA: Point Cloud Recognition Acceleration via Dynamic Approximation",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10137301", "awards": ["best_paper"], "featured": True}),
    ("C", 2023, "DAC", "Xiaolong Lin, Gang Li, Zizhao Liu, Yadong Liu, Fan Zhang, Zhuoran Song, Naifeng Jing, Xiaoyao Liang",
     "AdaS: A Fast and Energy-Efficient CNN Accelerator Exploiting Bit-Sparsity",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10247662"}),
    ("C", 2023, "ICCD", "Xuhang Wang, Zhuoran Song*, Qiyue Huang, Xiaoyao Liang",
     "DEQ: Dynamic Element-wise Quantization for Efficient Attention Architecture",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10360988"}),
    ("C", 2023, "ICCD", "Xuan Zhang, Zhuoran Song*, Xing Li, Zhezhi He, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "HyAcc: A Hybrid CAM-MAC RRAM-based Accelerator for Recommendation Model",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10360990"}),
    ("C", 2023, "ICCD", "Xuhang Wang, Zhuoran Song*, Xiaoyao Liang",
     "RealArch: A Real-Time Scheduler for Mapping Multi-Tenant DNNs on Multi-Core Accelerators",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10360967"}),
    ("C", 2023, "ICCD", "Chunyu Qi, Zilong Li, Zhuoran Song*, Xiaoyao Liang",
     "ViTframe: Vision Transformer Acceleration via Informative Frame Selection for Video Recognition",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10361019"}),
    ("C", 2023, "ICCD", "Haomin Li, Fangxin Liu, Yichi Chen, Li Jiang",
     "HyperNode: An Efficient Node Classification Framework Using HyperDimensional Computing", {}),
    ("C", 2023, "ICCD", "Fangxin Liu, Ning Yang, Li Jiang",
     "PSQ: An Automatic Search Framework for Data-Free Quantization on PIM-based Architecture", {}),
    ("J", 2023, "TPDS", "Zhuoran Song, Wanzhen Liu, Tao Yang, Fangxin Liu, Naifeng Jing, Xiaoyao Liang",
     "A Point Cloud Video Recognition Acceleration Framework Based on Tempo-Spatial Information",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10285363"}),
    ("C", 2024, "HPCA", "Fangxin Liu, Ning Yang, Haomin Li, Zongwu Wang, Zhuoran Song, Songwen Pei, Li Jiang",
     "SPARK: Scalable and Precision-Aware Acceleration of Neural Networks via Efficient Encoding",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10476472/"}),
    ("C", 2024, "DATE", "Xueyuan Liu, Zhuoran Song*, Xiang Liao, Xing Li, Tao Yang, Fangxin Liu, Xiaoyao Liang",
     "Sava: A Spatial- and Value-Aware Accelerator for Point Cloud Transformers",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10546677/"}),
    ("C", 2024, "DATE", "Xueyuan Liu, Zhuoran Song*, Guohao Dai, Gang Li, Can Xiao, Yan Xiang, Dehui Kong, Ke Xu, Xiaoyao Liang",
     "FusionArch: A Fusion-Based Accelerator for Point-Based Point Cloud Neural Networks",
     {"url": "https://ieeexplore.ieee.org/abstract/document/10546759/", "awards": ["best_paper"], "featured": True}),
    ("C", 2024, "DATE", "Jiahao Sun, Fangxin Liu, Yijian Zhang, Li Jiang, Rui Yang",
     "RTSA: An RRAM-TCAM based In-Memory-Search Accelerator for Sub-100 μs Collision Detection", {}),
    ("C", 2024, "ASPLOS", "Zhuoran Song, Chunyu Qi, Fangxin Liu, Naifeng Jing, Xiaoyao Liang",
     "CMC: Video Transformer Acceleration via CODEC Assisted Matrix Condensing",
     {"doi": "10.1145/3620665.3640393", "note_en": "Acceptance rate 14%", "note_zh_hans": "录用率 14%"}),
    ("C", 2024, "DAC", "Zhuoran Song*, Chunyu Qi, Yuanzheng Yao, Peng Zhou, Yanyi Zi, Nan Wang, Xiaoyao Liang",
     "TSAcc: An Efficient Tempo-Spatial Similarity Aware Accelerator for Attention Acceleration", {}),
    ("C", 2024, "DAC", "Xuhang Wang, Zhuoran Song*, Xiaoyao Liang",
     "InterArch: Video Transformer Acceleration via Inter-Feature Deduplication with Cube-based Dataflow", {}),
    ("C", 2024, "DAC", "Xueyuan Liu, Zhuoran Song*, Hao Chen, Xing Li, Xiaoyao Liang",
     "MoC: A Morton-Code-Based Fine-Grained Quantization for Accelerating Point Cloud Neural Networks", {}),
    ("C", 2024, "DAC", "Fangxin Liu, Ning Yang, Zhiyan Song, Zongwu Wang, Haomin Li, Shiyuan Huang, Zhuoran Song, Songwen Pei, Li Jiang",
     "INSPIRE: Accelerating Deep Neural Networks via Hardware-friendly Index-Pair Encoding", {}),
    ("C", 2024, "DAC", "Fangxin Liu, Ning Yang, Haomin Li, Zongwu Wang, Zhuoran Song, Songwen Pei, Li Jiang",
     "EOS: An Energy-Oriented Attack Framework for Spiking Neural Networks", {}),
    ("C", 2024, "ISCA", "Boyu Tian, Yiwei Li, Li Jiang, Shuangyu Cai, Mingyu Gao",
     "NDPBridge: Enabling Cross-Bank Coordination in Near-DRAM-Bank Processing Architectures", {"featured": True}),
    ("C", 2024, "ISCA", "Yilong Zhao, Mingyu Gao, Fangxin Liu, Yiwei Hu, Zongwu Wang, Han Lin, Ji Li, He Xian, Hanlin Dong, Tao Yang, Naifeng Jing, Xiaoyao Liang, Li Jiang",
     "UM-PIM: DRAM-based PIM with Uniform & Shared Memory Space", {}),
    ("C", 2024, "Euro-Par", "Xuan Zhang, Zhuoran Song*, Zhezhi He, Naifeng Jing, Li Jiang, Xiaoyao Liang",
     "Watt: A Write-optimized RRAM-based Accelerator for Attention", {}),
    ("J", 2024, "TCAD", "Xing Li, Zhuoran Song*, Rachata Ausavarungnirun, Xiao Liu, Xueyuan Liu, Xuan Zhang, Xuhang Wang, Jiayao Ling, Gang Li, Naifeng Jing, Xiaoyao Liang",
     "Janus: A Flexible Processing-in-Memory Graph Accelerator Towards Sparsity",
     {"url": "https://ieeexplore.ieee.org/document/10540086"}),
    ("J", 2024, "TACO", "Zhuoran Song*, Zhongkai Yu, Xinkai Song, Yifan Hao, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "Environmental Condition Aware Super-Resolution Acceleration Framework in Server-Client Hierarchies",
     {"doi": "10.1145/3678008"}),
    ("C", 2024, "MICRO", "Zhuoran Song, Houshu He, Fangxin Liu, Yifan Hao, Xinkai Song, Li Jiang, Xiaoyao Liang",
     "SRender: Boosting Neural Radiance Field Efficiency via Sensitivity-Aware Dynamic Precision Rendering", {}),
    ("C", 2024, "ICCD", "Xuan Zhang, Zhuoran Song*, Peng Zhou, Xing Li, Xueyuan Liu, Xiaolong Lin, Zhezhi He, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "WIFA: A Weight Importance- and Frequency-aware Accelerator for SNN", {}),
    ("J", 2025, "TCAD", "Shuai Yuan, Weifeng He, Zhenhua Zhu, Fangxin Liu, Zhuoran Song, Guohao Dai, Guanghui He, Yanan Sun",
     "HyCTor: A Hybrid CNN-Transformer Network Accelerator With Flexible Weight/Output Stationary Dataflow and Multi-Core Extension",
     {"status": "accepted"}),
    ("J", 2025, "TACO", "Zhuoran Song*, Jiabei Long, Li Jiang, Naifeng Jing, Xiaoyao Liang",
     "GCNTrain+: A Versatile and Efficient Accelerator for Graph Convolutional Neural Network Training",
     {"status": "accepted"}),
    ("C", 2025, "HPCA", "Houshu He, Gang Li, Fangxin Liu, Li Jiang, Xiaoyao Liang, Zhuoran Song*",
     "GSArch: Breaking Memory Barriers in 3D Guassian Splatting Training via Architectural Support",
     {"featured": True}),
    ("J", 2025, "TCAD", "Xuhang Wang, Qiyue Huang, Xing Li, Haozhe Jiang, Qiang Xu, Xiaoyao Liang, Zhuoran Song*",
     "Vision Transformer Acceleration via a Versatile Attention Optimization Framework",
     {"status": "accepted"}),
    ("P", 2025, "arXiv", "Zongwu Wang, Peng Xu, Fangxin Liu, Yiwei Hu, Qingxiao Sun, Gezi Li, Cheng Li, Xuan Wang, Li Jiang, Haibing Guan",
     "MILLION: Mastering Long-Context LLM Inference Via Outlier-Immunized KV Product Quantization",
     {"status": "preprint", "arxiv_id": "2504.03661", "code_url": "https://github.com/ZongwuWang/MILLION"}),
    ("C", 2025, "DAC", "Draft Author, Li Jiang*",
     "An Unpublished Draft Kept Out of Public Lists",
     {"is_published": False}),
]  # fmt: skip

# Abstracts, in the demo's own words, of the papers whose content the lab's pages describe (the
# annual write-ups, a profile's preprints, an OpenAlex record); by the start of the title.
ABSTRACTS = {
    "ReRAM-Sharing": (
        "ReRAM crossbars multiply matrices where the weights are stored, but the compression used "
        "on them so far prunes whole crossbars, too coarse to go far. Because analog-to-digital "
        "converters are few, a crossbar computes one small operation unit at a time; ReRAM-Sharing "
        "shares weights at the level of these units, a fine grain that combines with ordinary "
        "pruning. An index table and adders added to the accelerator run the shared weights. "
        "Models shrink up to 59.39× on CIFAR-10 and 14.47× on ImageNet with negligible loss of "
        "accuracy.",
        "ReRAM 交叉阵列在存放权重之处完成矩阵乘法，但已有压缩方法以整个交叉阵列为单位剪枝，粒度过粗。由于模数转换器数量有限，"
        "交叉阵列每次只计算一个较小的运算单元（OU）；ReRAM-Sharing 在运算单元粒度上共享权重，这一细粒度压缩可与传统剪枝叠加。"
        "加速器中增加索引表与加法器以支持共享权重的计算。在 CIFAR-10 与 ImageNet 上分别实现最高 59.39 倍与 14.47 倍的压缩，"
        "精度损失可以忽略。",
    ),
    "CP-ViT": (
        "Vision transformers are accurate but costly to run on small devices. Observing that a few "
        "informative patches and heads carry most of the signal, CP-ViT prunes patches and heads "
        "progressively and dynamically across the model, guided by a cumulative score and a "
        "layer-aware pruning ratio. It removes over 40% of FLOPs while keeping the accuracy loss "
        "within 1%, with or without fine-tuning.",
        "视觉 Transformer 精度高，但在资源受限的设备上运行代价大。CP-ViT 观察到少量信息丰富的图块与注意力头承载了大部分信息，"
        "据此以累积得分和按层感知的剪枝比例，在整个模型中渐进、动态地剪除图块与注意力头：计算量减少 40% 以上，"
        "无论是否微调，精度损失都在 1% 以内。",
    ),
    "INSPIRE": (
        "Quantizing a network to a fixed-length format loses accuracy on its outliers, and "
        "variable-length formats need costly decoding hardware. INSPIRE clusters weights and "
        "activations together, encodes both as indices of their centroids, and looks products up in "
        "tables computed offline, so no multiplication happens at run time and every outlier has an "
        "index of its own. A unified index-pair processing element takes the place of the "
        "multiply-accumulate unit and fits existing accelerators: 9.31× faster with 81.3% less "
        "energy and near-lossless accuracy.",
        "定长量化在异常值上损失精度，变长格式又需要代价高昂的解码硬件。INSPIRE 对权重与激活共同聚类，把两者都编码为质心的索引，"
        "乘积从离线计算的查找表中取得，运行时不做乘法，且每个异常值都有自己的索引。统一的索引对处理单元取代乘累加单元，"
        "可直接融入现有加速器：性能提升 9.31 倍，能耗降低 81.3%，精度近乎无损。",
    ),
    "EOS": (
        "Spiking neural networks are prized for low energy at the edge, and their energy follows "
        "their spike activity. EOS is an attack on that energy: it finds the neurons whose activity "
        "matters most, with a spike-activity analysis and a progressive search, and flips a few DRAM "
        "bits holding their state by row hammering. Energy rises by 43% on average while accuracy "
        "stays where it was, so the attack goes unnoticed; the paper also discusses defences.",
        "脉冲神经网络以边缘端的低能耗见长，而其能耗取决于脉冲活性。EOS 针对这一点发起攻击：通过脉冲活性分析与渐进搜索找出最关键的神经元，"
        "再以行锤攻击翻转存放其状态的少量 DRAM 比特。平均能耗上升 43%，准确率却保持不变，攻击难以察觉；论文同时讨论了防御方法。",
    ),
    "RTSA": (
        "Collision detection takes over 90% of a robot's motion-planning time, and FPGA accelerators "
        "fall behind on large roadmaps. RTSA searches in memory: roadmap edges are stored in "
        "RRAM-based ternary content-addressable memory and the environment, which changes often, in "
        "SRAM, both in a two-bit octree encoding of occupied, partly occupied and free space. "
        "Detection takes under 100 μs on an 800 MB roadmap, 27–286× faster than earlier hardware "
        "and over 4,356× faster than a CPU.",
        "碰撞检测占机器人运动规划时间的 90% 以上，FPGA 加速器在大规模路线图上难以保持实时。RTSA 在存储内搜索：路线图边存入基于 RRAM "
        "的三态内容寻址存储器，频繁变化的环境信息存入 SRAM，二者都以两比特八叉树编码表示占用、部分占用与空闲空间。"
        "在 800 MB 路线图上检测时间低于 100 μs，比已有硬件方案快 27–286 倍，比 CPU 快 4,356 倍以上。",
    ),
    "NDPBridge": (
        "Near-DRAM-bank processing puts compute logic beside each bank, which gives high parallel "
        "bandwidth but leaves the units unable to talk to each other or to share load. NDPBridge "
        "adds hardware bridges that reuse the DRAM's existing interfaces and wiring to move data "
        "across banks, and a hierarchical, transfer-aware scheduler that balances load across units "
        "automatically. It is 2.23× faster on average and up to 2.98× than near-bank processing "
        "without bridges, without changing the DRAM chip's size or interface.",
        "近 DRAM bank 处理在每个 bank 旁集成计算逻辑，带来很高的并行带宽，但各单元之间无法通信，也无法分担负载。NDPBridge 复用 DRAM "
        "内部已有的接口与连线，引入硬件桥实现跨 bank 数据传输，并以层次化、传输感知的调度自动在单元间均衡负载。"
        "相比无桥接的近 bank 处理，性能平均提升 2.23 倍、最高 2.98 倍，且不改变 DRAM 芯片的尺寸与接口。",
    ),
    "MILLION": (
        "In long contexts the key-value cache, not the weights, fills a GPU's memory. Uniform "
        "integer quantization of the cache suffers from outliers that do not line up with channels "
        "or tokens; MILLION uses product quantization instead, clustering low-dimensional "
        "sub-vectors so that codes follow the data. Codebooks are trained offline in seconds, the "
        "cache is compressed at prefill, and decoding computes attention over the compressed history "
        "with look-up tables while new tokens stay exact, with kernels that load codes as wide "
        "vectors. At 32K tokens it keeps 4× less cache and decodes 2× faster, with almost no loss "
        "of quality.",
        "长上下文下占满 GPU 显存的是键值缓存而非权重。对缓存做均匀整型量化时，不沿通道或词元分布的异常值会严重影响精度；MILLION "
        "改用乘积量化，在低维子向量上聚类，使编码贴合数据分布。码本离线训练只需数秒，预填充阶段压缩缓存，"
        "解码阶段对压缩后的历史用查找表计算注意力、新词元保持精确，算子以宽数据向量化加载编码。在 32K 上下文下缓存减少 4 倍、"
        "解码加速 2 倍，输出质量几乎无损。",
    ),
}

# Research areas of the lab's papers, by words of their titles (a paper may have several).
AREA_KEYWORDS = {
    "processing-in-memory": ["Processing-in-Memory", "Processing-In-Memory", "ReRAM", "RRAM", "PIM"],
    "ai-systems": [
        "Transformer",
        "LLM",
        "Attention",
        "Training",
        "Spiking",
        "SNN",
        "Quantization",
        "Pruning",
    ],
    "accelerators": ["Accelerat", "Architecture", "Arch"],
}

EXTRA_VENUES = [
    {
        "kind": "magazine",
        "acronym": "CCCF",
        "name": "Communications of the CCF",
        "publisher": "China Computer Federation",
    },
    {"kind": "preprint", "acronym": "arXiv", "name": "arXiv", "url": "https://arxiv.org/"},
]

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

# A reading list in the shape of a curated "papers on silicon" page: sections by year and venue,
# significant papers highlighted, the curator's comments, institutions as printed.
COLLECTION = {
    "slug": "neural-networks-on-silicon",
    "title_en": "Neural networks on silicon: a reading list",
    "title_zh_hans": "神经网络硬件：阅读清单",
    "description_en": "Landmark accelerator papers from other groups that new students read first.",
    "description_zh_hans": "新同学入门必读的其他团队加速器代表性论文。",
    "entries": [
        ("The DianNao family", False, "DianNao: A Small-Footprint High-Throughput Accelerator for Ubiquitous Machine-Learning",
         2014, "ASPLOS", "CAS, Inria", "", ""),
        ("The DianNao family", False, "DaDianNao: A Machine-Learning Supercomputer", 2014, "MICRO",
         "CAS, Inria, Inner Mongolia University", "", ""),
        ("The DianNao family", False, "ShiDianNao: Shifting Vision Processing Closer to the Sensor", 2015, "ISCA",
         "CAS, EPFL, Inria", "", ""),
        ("The DianNao family", False, "PuDianNao: A Polyvalent Machine Learning Accelerator", 2015, "ASPLOS",
         "CAS, USTC, Inria", "", ""),
        ("Dataflow and FPGAs", False, "Optimizing FPGA-based Accelerator Design for Deep Convolutional Neural Networks", 2015,
         "FPGA", "Peking University, UCLA", "The roofline model applied to choosing loop tiling.", "用屋顶线模型选择循环分块。"),
        ("Dataflow and FPGAs", False, "Eyeriss: An Energy-Efficient Reconfigurable Accelerator for Deep Convolutional Neural Networks",
         2016, "ISSCC", "MIT, NVIDIA", "", ""),
        ("Sparsity and computing in memory", True, "EIE: Efficient Inference Engine on Compressed Deep Neural Network", 2016, "ISCA",
         "Stanford University, Tsinghua University", "Runs pruned, weight-shared layers directly.", "直接在剪枝与权值共享后的模型上计算。"),
        ("Sparsity and computing in memory", False, "Cnvlutin: Ineffectual-Neuron-Free Deep Convolutional Neural Network Computing", 2016, "ISCA",
         "University of Toronto, University of British Columbia", "", ""),
        ("Dataflow and FPGAs", True, "Eyeriss: A Spatial Architecture for Energy-Efficient Dataflow for Convolutional Neural Networks",
         2016, "ISCA", "MIT, NVIDIA", "Introduces the row-stationary dataflow and an energy model to compare dataflows.",
         "提出行固定数据流及比较数据流的能耗模型。"),
        ("Sparsity and computing in memory", True, "ISAAC: A Convolutional Neural Network Accelerator with In-Situ Analog Arithmetic in Crossbars",
         2016, "ISCA", "University of Utah, HP Labs", "The reference design for crossbar-based PIM.", "基于交叉阵列存内计算的参考设计。"),
        ("Dataflow and FPGAs", False, "Going Deeper with Embedded FPGA Platform for Convolutional Neural Network", 2016, "FPGA",
         "Tsinghua University, MSRA", "Whole networks, convolutional and fully connected layers, on one embedded FPGA.",
         "在一块嵌入式 FPGA 上运行包含卷积层与全连接层的完整网络。"),
        ("Dataflow and FPGAs", False, "DeepBurning: Automatic Generation of FPGA-based Learning Accelerators for the Neural Network Family",
         2016, "DAC", "Chinese Academy of Sciences", "", ""),
    ],
}  # fmt: skip

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
