"""The demo lab's papers with their abstracts and keywords, extra venues and a reading list: facts as
the lab's own pages print them, descriptions written for the demo (see portal.demo.data)."""

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
