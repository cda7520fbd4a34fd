#!/usr/bin/env python3
"""Writes /work/staging/corridors/sources.csv (c16_ rows only). Derived-row notes quote tools/derivations.txt."""
import csv, os
OUT = '/work/staging/corridors'
DER = {}
for line in open(os.path.join(OUT, 'tools', 'derivations.txt')):
    k = line.split(':', 1)[0]
    DER[k] = line.strip()
def dv(*keys):
    return '; '.join(DER[k] for k in keys)
D8 = '2026-12'
A = 'Caravan data authors (derived)'
M = 'derived here; method in note'
R = []
def s(id_, title, pub, url, date, rel, note): R.append(dict(id=id_, title=title, publisher=pub, url=url, date=date, reliability=rel, note=note))

# ------------------------------------------------------------------ primary / secondary / weak
s('c16_railtech2018_malaszewicze', 'Małaszewicze-Brest border crossing main bottleneck on New Silk Road', 'RailTech.com (Silk Road Summit, DHL Freight / PIFFA)',
  'https://railtech.com/infrastructure/2018/03/29/malzewicze-brest-border-crossing-main-bottleneck-on-new-silk-road', '2018-03-29', 'S',
  '"In a regular trip, trains wait at the border for two to three days. This easily becomes five days, while waiting times can also extent into weeks" ("a delay of three weeks")')
s('c16_silkroadsummit2021_malaszewicze', 'Fastest China-Europe train so far? The secret lies in the border crossing', 'RailFreight.com Silk Road Summit',
  'https://www.silkroadsummit.eu/news/2021/11/02/fastest-china-europe-train-so-far-the-secret-lies-in-the-border-crossing/', '2021-11-02', 'S',
  'Malaszewicze: "the average waiting time currently being around ten days and sometimes as long as 16 days"; its share of westbound China-Europe trains 79% (2020) / 68% (2021), eastbound 90% / 82%')
s('c16_index1520_2020_malaszewicze', 'PKP Cargo increases capacity of Małaszewicze terminal', 'index1520.com',
  'http://www.index1520.com/en/news/pkp-cargo-uvelichivaet-moshchnost-terminala-malasheviche/', '2020-07-08', 'S',
  '"from the existing 14 pairs of trains per day to 55 pairs of trains per day (these figures include only the capacity of the broad gauge tracks)"; works planned 2021-2028 (EU later declined funding, index1520 2022-07-12). Record 16.5 broad-gauge pairs/day on 29 Aug 2021 (railtarget.eu/freight/maaszewicze-reports-record-784.html)')
s('c16_logistyka2018_trains', 'Wojna o obsługę Chińczyków', 'Rzeczpospolita (logistyka.rp.pl)',
  'https://logistyka.rp.pl/szynowy/art17082621-wojna-o-obsluge-chinczykow', '2018', 'S',
  '"W ubiegłym roku przez Małaszewicze wjechało 2,2 tys. pociągów z Chin, każdy z 40 kontenerami" (2017: 2,200 trains from China, each with 40 containers)')
s('c16_rwby_corridor', 'Development of Promising Directions', 'Belarusian Railway (rw.by)',
  'https://www.rw.by/en/corporate/about_us/development_of_promising_directions/', '2024', 'P',
  '"The Corridor section (Krasnoye (Russia)/Osinovka (Belarus)-Brest) is of double track ... electrified ... and has a length of 611 kilometers"; permitted speed freight trains 80-90 km/h. Access date (page undated)')
s('c16_cfts2016_by_transit', 'Transit of Chinese goods via Belarus to EU increases by 40%', 'CFTS (Belarusian Railway press service)',
  'https://en.cfts.org.ua/news/transit_of_chinese_goods_via_belarus_to_eu_increases_by_40', '2016', 'S',
  '"The period of passage of container trains through Belarusian railways - from the Krasnoye station ... to Brest - is less than 12 hours. The speed of travel reaches 1,400 kilometers per day"; "processing time has reduced from 36 to 10 hours in case of transfers and up to 6 hours without transfers" (Brest hub); 47,800 TEU China-EU transit in 2015. Article on 2015 results, date not shown (2016 assumed)')
s('c16_plk_lk2', 'Railway line No. 2 Warsaw East - Terespol', 'polrails.net',
  'https://polrails.net/en/railway-line-no-2-warsaw-east-terespol-2025/5569', '2025-02-13', 'W',
  '"LK No. 2 has a total length of 214.227 km" (Warszawa Zachodnia - state border past Terespol, line E20); freight 120 km/h on ~80% of the route')
s('c16_plwiki_lk3', 'Linia kolejowa nr 3 (Warszawa Zachodnia - Kunowice)', 'Wikipedia (pl)', 'https://pl.wikipedia.org/wiki/Linia_kolejowa_nr_3', '2024', 'W',
  '"Długość 475,583 km"; part of E20 Berlin - Kunowice - Poznań - Warszawa')
s('c16_wiki_warsaw_gdansk', 'Warsaw-Gdańsk railway', 'Wikipedia (IPFS mirror)', 'https://en.wikipedia-on-ipfs.org/wiki/Warsaw%E2%80%93Gda%C5%84sk_railway', '2021', 'W',
  '"a Polish 323-kilometre long railway line, that connects Warsaw with Iława, Malbork, Tczew, Gdańsk"')
s('c16_zxcwiki_van_tabriz', 'Van-Tabriz railway line', 'Wikipedia DE (mirror de.zxc.wiki)', 'https://de.zxc.wiki/wiki/Bahnstrecke_Van%E2%80%93T%C3%A4bris', '2021', 'W',
  'km posts: Van Iskele 0, Van 6.8, Kapıköy 114.0 (TR/IR border), Razi 120.0, Sufian 307.0 = 766.6 on the Tabriz-Jolfa line, Tabriz 735.9; 1435 mm; Tatvan Iskele at 363.8 on the Yolçatı-Tatvan line. The text says 377.7 km and the infobox 337.7 km (inconsistent); km posts used')
s('c16_raillynews2015_tehran_border', 'Iran-Turkey railway will have two lanes', 'RaillyNews (Iranian Minister of Roads)', 'https://raillynews.com/2015/12/iran-turkiye-demiryolu-iki-seritli-olacak/', '2015-12', 'S',
  '"From Iran\'s capital of Tehran, Karaj, Zanjan and Tabriz ... reaching the border with Turkey 928 km railway line" (cross-check only)')
s('c16_jawiki_van_ferry', 'Lake Van Ferry (Van Gölü Feribotu)', 'Wikipedia (ja mirror jmediawiki.org)', 'https://jmediawiki.org/wiki/Lake_Van_Ferry', '2024', 'W',
  'Van - Tatvan 90.6 km, operated by TCDD since 1971; about 4.5 h with the old ferries, 3.5 h with the two new ones')
s('c16_railturkey2018_van', 'Van Lake unlocked', 'RailTurkey', 'https://railturkey.org/2018/07/26/van-lake-unlocked/', '2018-07-26', 'W',
  'second new rail ferry in service; "New ferries have 4 lines, each 130 mt long. Thus, each can carry one block train in each trip. 24 Sg type 4ax platform wagons or 32 tank wagons ... capacity of 4000 tons and can travel between Van and Tatvan in 3.5 hours"; Iran rail traffic lost to Iranian trucks under sanctions')
s('c16_dailysabah2023_van', 'Türkiye revives freight transport on Lake Van with largest ferries', 'Daily Sabah (Lake Van ferry operations manager)',
  'https://www.dailysabah.com/turkiye/turkiye-revives-freight-transport-on-lake-van-with-largest-ferries/news', '2023-10-03', 'S',
  'ferries Idris-i Bitlisi and Sultan Alparslan: 1,918 voyages since 2018; peak cargo year 2020 with 383 voyages')
s('c16_bazaartimes2024_tatvan', 'Two new "touristic" train services to start in April for eastern and southeastern Türkiye', 'Bazaar Times (Minister of Transport A. Uraloğlu)',
  'https://bazaartimes.com/two-new-touristic-train-services-to-start-in-april-for-eastern-and-southeastern-turkiye/', '2024', 'S',
  '"the touristic train, covering a 1262-kilometer route from Ankara to Tatvan"')
s('c16_aa_ankara_kars', 'Doğu Ekspresi Ankara-Kars (TCDD statement via AA/Haberler)', 'Pusula Gazetesi archive (AA)', 'https://pusulagazetesi.net/arsiv.aspx?kelime=+Ekspresinin&s=1', '2025', 'S',
  'Doğu Ekspresi "bin 310 kilometre" (1,310 km Ankara-Kars); line length 1,365.2 km per tr.wikipedia mirror (http://tr.wikipedia-on-ipfs.org/wiki/Ankara-Kars_demiryolu, W). As cited in corridor_facts_2 A4; article date not shown (latest possible year)')
s('c16_skyscraper_iran_mashhad', 'Iran railways thread (IRIR material)', 'SkyscraperCity forum', 'https://www.skyscrapercity.com/threads/iran-railways.397034/', '2015', 'W',
  'Tehran-Mashhad 925 km (as cited in corridor_facts_2 A4; same page as skyscraper_iran)')
s('c16_wiki_tejen_sarakhs', 'Trans-Karakum Railway', 'Wikipedia', 'https://en.wikipedia.org/wiki/Trans-Karakum_Railway', '2024', 'W',
  '"a 132 km stretch of the 280 km Tejen-Serakhs-Mashhad railway" was built in Turkmenistan (so Sarakhs-Mashhad 148 km); the line opened 1996 (turkmenistan.it)')
s('c16_wiki_tashkent_samarkand', 'Tashkent-Samarkand high-speed rail line', 'Wikipedia (mirror howlingpixel.com)', 'https://howlingpixel.com/i-en/Tashkent%E2%80%93Samarkand_high-speed_rail_line', '2019', 'W',
  '"344-kilometre (214 mi) high-speed rail connection between Tashkent and Samarkand"; "A 141 km long extension to Qarshi"; "the 256 km route from Samarkand" to Bukhara; 1520 mm')
s('c16_tca_uzbek_rail', 'Uzbekistan builds railway network bypassing Tajikistan, Turkmenistan', 'Times of Central Asia (Jahon)', 'https://timesca.com/uzbekistan-builds-railway-network-bypassing-tajikistan-turkmenistan/', '2017', 'S',
  '"the 223 km railway line Tashguzar-Baysun-Kumkurgan"; "123-km electrified railway line Angren-Pap and the 19.2 km tunnel through the Kamchik pass"; plans to electrify Karshi-Termez and Pap-Namangan-Andijan. Date not shown (c. 2016-2017)')
s('c16_cpmm2022_uz', 'CAREC Corridor Performance Measurement and Monitoring 2022: Uzbekistan (Table 3.19)', 'ADB CAREC', 'https://cpmm.carecprogram.org/2022-report/uzbekistan', '2023', 'P',
  'rail TFI1 border-crossing time 6.4/6.2/6.8 h (2020/2021/2022), outbound 14.0/6.0/- h, inbound 5.2/6.2/6.8 h; TFI2 cost 125/133/133 USD, outbound 100/-/- USD, inbound 129/133/133 USD; TFI3 671/665/635 USD per 500 km per 20 t; rail SWOD 21.9/13.3/13.1 km/h, speed with delay 9.7/11.2/11.8 km/h. Per-BCP rail rows were not in the extract')
s('c16_wtm_hairatan', 'Uzbekistan and Afghanistan start reconstruction of the Hairatan - Mazar-i-Sharif railway', 'CAC/WTM report (UTY)', 'https://cac.wtmreport.com/category/railage/page/133', '2024', 'S',
  '"линии Хайратон – Мазари-Шариф протяженностью 75 км" (75 km, 1520 mm, operated by Uzbek Railways; opened 2011). Date not shown (listing page)')
s('c16_railgazette2025_cku', 'China - Kyrgyzstan - Uzbekistan railway construction officially launched', 'Railway Gazette International', 'https://www.railwaygazette.com/infrastructure/china-kyrgyzstan-uzbekistan-railway-construction-officially-launched/68088.article', '2025-01-07', 'S',
  '"A 523 km alignment from Kashgar to Torugart, Arpa, Kosh-Dobo, Makmal, Jalal-Abad and Andijon"; "1 435 mm standard gauge will be used for the 344 km from Kashgar to a break of gauge at Makmal, with ... 1 520 mm broad gauge beyond Makmal"; CN 213 km, KG 260 km, UZ 50 km; "capacity of 15 million tonnes of freight per year"; commercial operation "could begin in 2030"; US$8bn; single track, 120 km/h diesel. Trend (2024-12) gives 486 km and 10-12 Mt/yr')
s('c16_tass2025_transafghan', 'Trans-Afghan Railroad will be 647 km long, cost $4.6 bln', 'TASS (Gazeta.uz, Uzbek Deputy Minister of Transport)', 'https://tass.com/economy/1992107', '2025-07-21', 'S',
  'route Termez - Naibabad - Maidan Shahr - Logar - Kharlachi (PK border), "Its length will be 647 km"; "Up to 3 mln metric tons of freight per year ... at the first phase, and the figure may reach 15 - 20 mln metric tons by 2035-2040"; $4.6 bln; "track gage will be 1520 mm"; framework agreement for the feasibility study signed in Kabul 17 Jul 2025')
s('c16_einnews2025_transafghan', 'Trans-Afghan railway: framework agreement for the feasibility study', 'EIN Presswire (citing Uzbek media and TOLO News)', 'https://architecture.einnews.com/article/832206865', '2025-07', 'W',
  '"a 681-km section in Afghanistan" for the FS route; "The Trans-Afghan Railway project along the route Termez - Mazar-i-Sharif - Kabul - Peshawar will span 774 km"; "up to 20 million tons of cargo annually"; $4.8-7 bn. Other figures in the press: 573, 600, 720, 760 km')
s('c16_mrud2020_chabahar', 'Chabahar-Zahedan railway track laying launched', 'Iran Ministry of Roads and Urban Development (MRUD)', 'https://www.mrud.ir/en/archive/ID/19105/Chabahar-Zahedan-Railway-Track-laying-Launched', '2020-07-08', 'P',
  '"Zahedan-Chabahar railway route is 628 km long"; 120 km/h for freight trains; Zahedan-Khash (~155 km) already open (zeenews 2025-05); IRIR said on 2025-11-05 construction would finish within six months (trend.az/business/4113484.html)')
s('c16_trend2023_rasht_astara', 'Iran to start construction of Rasht-Astara railway in 2024', 'MENAFN / Trend News Agency (Iranian Minister of Roads)', 'https://menafn.com/1107581517/Iran-To-Start-Construction-Of-Rasht-Astara-Railway-In-2024', '2023-12-12', 'S',
  '"The railway will be 163 km long and will have 9 stations"; Russia to invest EUR 1.6 bn; 48 months. Other sources: 162 km (iasbook.com), 152/167 km (MRUD page); construction start reset to March 2026 (IRIR)')
s('c16_mrud_rasht_astara', 'Rasht - Astara Railway (investment project sheet)', 'Iran MRUD, Deputyship of Transportation Planning', 'http://investment.mrud.ir/en/railways/rasht-%E2%80%93-astara-railway', '2020', 'P',
  '"Estimated Annual Services Capacity: 6 million ton"; needs a 6 km track in Azerbaijan and 3 km in Iran to link the two gauges to the transfer hubs; length text inconsistent (152 km / 155 + 12 km). Page undated')
s('c16_osjd2019_qazvin_rasht', 'Qazvin - Rasht: commissioning of another railway section of the INSTC', 'OSJD (Organisation for Co-operation between Railways)', 'http://en.osjd.org/newso/public/en?STRUCTURE_ID=5049&layer_id=6071&refererLayerId=6070&id=80', '2019', 'P',
  '"The Qazvin-Rasht railway line is 164 km long"; opened 6 Mar 2019; the corridor "would cut the costs by 30 percent, while the duration of transportation would be 40 percent shorter"')
s('c16_azernews2020_astara', 'Cargo via Astara terminal up 33% in 2019', 'AzerNews (ADY Express)', 'https://www.azernews.az/business/161315.html', '2020-02-05', 'S',
  '"The capacity of the terminal is 2 million tons annually"; 363,842 t transshipped in 2019 (23 wagons/day). Trend 2024-05-17: initially 1 Mt, 4 Mt after reconstruction; Yalama ~10 train pairs/day (~11 Mt/yr per direction)')
s('c16_dewiki_baku_yalama', 'Bahnstrecke Baku-Yalama', 'Wikipedia DE', 'http://de.wikipedia.org./wiki/Bahnstrecke_Baku%E2%80%93Yalama', '2024', 'W',
  'km posts: Samur (RU border) 214.0, Yalama 203.2, Biləcəri 0.0 = 534.2 on the Poti-Baku line, Baku station 548.8; Derbent lies ~31 km north of the border; 1520 mm, 3 kV DC; in 2024 freight is transshipped to trucks at Astara (IR)')
s('c16_wiki_southern_xinjiang', 'Southern Xinjiang railway', 'Wikipedia (mirror perceptiosv.com; en.wikipedia)', 'https://perceptiosv.com/Южно-Синьцзянская_железная_дорога', '2024', 'W',
  'station table: Urumqi 0, Turpan 143, Korla 600, Aksu 1126, Kashgar 1588 km; en.wikipedia: Turpan-Kashgar 1,446 km, 1435 mm, Turpan-Korla electrified')
s('c16_almaty_kuryk_iran', 'New ro-ro line Kuryk - Iranian Caspian ports', 'Almaty city business portal (almatybusiness.gov.kz)', 'https://almatybusiness.gov.kz/news/3349', '2025', 'S',
  'Kuryk - Amirabad/Enzeli ro-ro for trucks, USD 1,600-1,700 per truck one way, Russian ships for 32 trucks (as cited in corridor_facts_2 A5b). Month November, year not shown (latest possible year)')
s('c16_iranpress_caspian_line', 'Iran Caspian shipping: container line Astara - Astrakhan', 'Iran Press (CEO, Caspian Shipping Company)', 'https://ugc.iranpress.com/content/31194', '2022', 'S',
  '"a container transport line from the port of Astara ... to the port of Astrakhan has been activated and 2 ships are loaded every week to the Russian ports of Astrakhan and Aqtau". Date not shown (c. 2021-2022)')
s('c16_coords_general', 'Approximate coordinates from general geographic knowledge (c16 additions)', A, 'general geographic knowledge', D8, 'W',
  'places missing from the UN/LOCODE corridor subset and the WPI subset; city-centre or station coordinates +-10 km unless stated: Razi 38.51N 44.38E (+-15 km, placed ~6 km east of Kapikoy); Tatvan 38.50N 42.28E; Samarkand 39.65N 66.96E; Bukhara/Kagan 39.72N 64.55E; Andijan 40.78N 72.34E; Sarakhs (IR) 36.54N 61.16E; Mashhad 36.30N 59.60E; Kashgar 39.47N 75.99E; Hairatan 37.23N 67.42E; Mazar-i-Sharif 36.71N 67.11E; Bandar Anzali 37.47N 49.46E; Rasht 37.28N 49.58E; Qazvin 36.27N 50.00E; Astara (IR) 38.42N 48.87E; Zahedan 29.50N 60.86E; Makmal (KG) 41.4N 74.0E (+-40 km, placed near Kazarman: the exact site of the planned gauge-change station is not known); Kharlachi (PK) 33.84N 69.93E (+-20 km). Auxiliary points used only in distance derivations: Krasnoye 54.56N 31.43E, Kunowice 52.35N 14.63E, Derbent 42.06N 48.29E, Bandar Torkaman 36.90N 54.07E, Guzar 38.62N 66.25E, Kumkurgan 37.83N 67.60E, Angren 41.02N 70.14E, Pap 40.89N 71.10E. UN/LOCODE rows with geocoded=true used as they are (Brest, Tabriz, Van, Ankara, Astrakhan, Peshawar); Chabahar UN/LOCODE IRZBR has a wrong geocode (30.0N 52.4E), the WPI position is used')

# ------------------------------------------------------------------ derived
s('c16_d_rail_km_ru_by', 'Derived Russian and Belarusian rail distances', A, M, D8, 'D',
  'Calibration: ' + ' | '.join(l for l in open(os.path.join(OUT, 'tools', 'derivations.txt')).read().splitlines() if l.startswith('calibration')) +
  '. Rows: ' + dv('moscow-minsk', 'minsk-brest', 'moscow-stpetersburg', 'moscow-riga', 'moscow-kurgan', 'moscow-astrakhan') +
  '. Sources: 611 km (c16_rwby_corridor), Omsk km post 2,711 (kolej_omsk); straight trunk lines use the 1.036 factor, long winding lines the 1.212 factor')
s('c16_d_rail_km_caucasus', 'Derived Caspian-rim rail distances (RU, AZ, KZ)', A, M, D8, 'D',
  dv('astrakhan-makhachkala', 'astrakhan-atyrau', 'makhachkala-baku', 'baku-astara') + '. Km posts from c16_dewiki_baku_yalama. Baku-Astara has no sourced length (range 280-330)')
s('c16_d_rail_km_pl', 'Derived Polish and Poland-Germany rail distances', A, M, D8, 'D',
  dv('malaszewicze-warsaw', 'brest-malaszewicze', 'warsaw-duisburg', 'warsaw-hamburg') + '. Sources: c16_plk_lk2, c16_plwiki_lk3; GC x 1.2 as in d_rail_km_eu')
s('c16_d_rail_km_eu', 'Derived European rail distances (great circle x circuity)', A, M, D8, 'D',
  dv('warsaw-vienna', 'vienna-budapest', 'vienna-duisburg', 'vienna-genoa', 'duisburg-antwerp') + '. Same method as d_rail_km_eu (factors 1.2-1.3; 1.4 for the Alps, assumption)')
s('c16_d_rail_km_ir_tr', 'Derived Iranian and Turkish rail distances', A, M, D8, 'D',
  dv('razi-tabriz', 'qazvin-tehran', 'tabriz-qazvin', 'amirabad-tehran', 'ankara-derince') + '. Sources: c16_zxcwiki_van_tabriz, c16_raillynews2015_tehran_border, skyscraper_iran, d_rail_km_tr, c16_aa_ankara_kars')
s('c16_d_rail_km_uz_tm', 'Derived Uzbek, Turkmen and Afghan border rail distances', A, M, D8, 'D',
  dv('karshi-termez', 'bukhara-farap', 'farap-turkmenabat', 'turkmenabat-tejen', 'tejen-ashgabat', 'tashkent-andijan', 'termez-hairatan') + '. Sources: c16_tca_uzbek_rail; circuity 1.1 as for d_rail_km_tmir (Turkmen lines), 1.15-1.25 for mountain or river-crossing sections (assumption)')
s('c16_d_road_km', 'Derived road distances (great circle x circuity)', A, M, D8, 'D',
  dv('astara-rasht-road', 'rasht-anzali-road', 'peshawar-karachi-road') + '. Road circuity factors 1.25-1.3 are assumptions, as in d_road_km')
s('c16_d_sea_gc_caspian', 'Caspian sea distances from great circle', A, M, D8, 'D',
  dv('astrakhan-anzali', 'astrakhan-amirabad', 'makhachkala-anzali', 'makhachkala-amirabad', 'kuryk-amirabad') + '. marnet has no Caspian Sea: x1.05 as in d_sea_gc (Kuryk-Alat); x1.15 from Astrakhan for the Volga-Caspian ship channel (assumption; Olya lies nearer the sea)')
s('c16_d_sea_gc_makran', 'Makran-coast sea distances from great circle', A, M, D8, 'D',
  dv('nhavasheva-chabahar', 'chabahar-bandarabbas', 'gwadar-karachi') + '. marnet snaps Chabahar to a node 216 km away and Gwadar 117 km away, so great circle is used: x1.05 open sea, x1.15 coastal round Ras al-Kuh to Bandar Abbas (a coastline distance of about 550 km is quoted in a pikabu.ru post, W)')
s('c16_d_sea_nm_marnet', 'Sea distances computed here over Eurostat marnet v3.6 (plus, 20 km)', A, M, D8, 'D',
  'Same method as d_sea_nm_marnet (Dijkstra over eurostat_marnet, haversine R=6371 km, northwest/northeast/magellan/panama/kiel/corinth passages excluded; km = network + both snap distances; script tools/marnet.py). Check: Rotterdam-Hamburg 568.6 (= existing), Port Said-Rotterdam 6,203.6 (existing 6,204.2), Piraeus-Port Said 1,138.0 (existing 1,137.1). Hormuz added by geography for Bandar Abbas (snap 78 km). ' +
  dv('nhavasheva-bandarabbas', 'nhavasheva-portsaid', 'nhavasheva-singapore', 'karachi-singapore', 'karachi-portsaid', 'karachi-bandarabbas', 'gdansk-rotterdam', 'gdansk-hamburg', 'gdansk-portsaid', 'riga-rotterdam', 'riga-hamburg', 'antwerp-portsaid', 'genoa-portsaid', 'genoa-piraeus'))
s('c16_d_speed_by', 'Belarusian container train speed', A, M, D8, 'D', '1,400 km/day (c16_cfts2016_by_transit) = 58.3 km/h; permitted freight speed 80-90 km/h (c16_rwby_corridor) as upper bound')
s('c16_d_speed_caspian_ship', 'Caspian cargo ship speed', A, M, D8, 'D',
  'Baku-Aktau ferry 470 km in 24 h (obastan_bakuaktau) = 19.6 km/h, applied to Caspian container/general-cargo ships and the Kuryk ro-ro; optimistic for Astrakhan, where ships first run the Volga-Caspian channel (no source)')
s('c16_d_speed_planned', 'Speed assumed on planned lines', A, M, D8, 'D',
  'no commercial speed exists for unbuilt lines: CKU and Trans-Afghan use the Kazakh container-train speed d_speed_kz (41.7 km/h); Iranian planned lines the Turkmen/Iranian 22 km/h (d_speed_kztmir). The 120 km/h design speeds (c16_railgazette2025_cku, c16_mrud2020_chabahar) are maxima, not averages')
s('c16_d_bcp_by_pl', 'Brest-Malaszewicze border dwell', A, M, D8, 'D',
  'triangular min 6 h = Brest processing without transshipment (c16_cfts2016_by_transit), mode 60 h = "two to three days" in a regular trip (c16_railtech2018_malaszewicze), max 384 h = 16 days (c16_silkroadsummit2021_malaszewicze); mean 150 h reflects the 2017-2021 congestion. distributions.csv: lognormal median 60 h, P90 240 h (the 2021 average of ~10 days taken as the 90th percentile; sigma = ln(4)/1.2816 = 1.08, mean ~107 h). Transshipment time is in transfers.csv (c16_d_gauge_malaszewicze), not here. No fee source (BY/PL are not CAREC members). Not included: the Polish closure of the BY border from 12 Sep 2025 (>130 trains stranded in Brest, Yicai 2025-09-23), a disruption event')
s('c16_d_bcp_ru_by', 'Russia-Belarus border dwell', A, M, D8, 'D',
  'assumption 0/2/12 h: Union State / EAEU internal border without customs control; locomotive and crew change at Krasnoye/Osinovka; the whole Belarusian transit Krasnoye-Brest takes <12 h (c16_cfts2016_by_transit). No measured source')
s('c16_d_bcp_uz', 'Uzbekistan rail border dwell (to/from TM and AF)', A, M, D8, 'D',
  DER['UZ outbound border'] + '; ' + DER['UZ inbound border'] + '. UZ times from c16_cpmm2022_uz; the other side (TM, AF) = CAREC rail BCP average 40.6 h (cpmm2022_carec) as a proxy; triangular rule of d_bcp_kz_out (min 0.25 x mean, max 2 x mean, mode = 3 x mean - min - max). Fees: UZ inbound rail BCP cost 133 USD (2022), outbound 100 USD (2020, latest published), entered per TEU as in the existing KZ rows. CPMM per-BCP rail rows (Keles, Khodjadavlet, Galaba) were not retrieved')
s('c16_d_cap_malaszewicze', 'Malaszewicze broad-gauge handling capacity', A, M, D8, 'D',
  DER['Malaszewicze broad-gauge capacity'] + '; put on the 1520 mm Brest-Malaszewicze link (the transfers header has no capacity column)')
s('c16_d_country_risk', 'Country disruption probability from WGI political stability (c16 countries)', A, M, D8, 'D',
  'same rule as d_country_risk: p = 0.01 x exp(-PV.EST 2023), PV from wgi2024 (wgidataset.csv rows BLRpv2023, POLpv2023, LVApv2023, BELpv2023, ITApv2023, CZEpv2023, INDpv2023, PAKpv2023, AFGpv2023). ' +
  '; '.join(l.replace('country ', '') for l in open(os.path.join(OUT, 'tools', 'derivations.txt')).read().splitlines() if l.startswith('country ')))
s('c16_d_ferry_kuryk_iran_teu', 'Kuryk - Iran ro-ro rate per TEU', A, M, D8, 'D',
  'USD 1,600-1,700 per truck (c16_almaty_kuryk_iran), mid 1,650 / 2 TEU per truck (one 40 ft box, as d_road_khorgos) = 825 USD per TEU; the source names Amirabad/Enzeli, the link is drawn to Amirabad')
s('c16_d_gauge_malaszewicze', 'Brest/Malaszewicze gauge-change time', A, M, D8, 'D',
  'transshipment adds 10 - 6 = 4 h to Brest train processing (c16_cfts2016_by_transit: 10 h with transfer, 6 h without) = min; mode 8 h, max 48 h (assumption); lognormal median 8 h, P90 48 h in distributions.csv (rel_d_transfer_lognormal rule). Cost: d_thc / d_bulk_handling (no Polish or Belarusian tariff found)')
s('c16_d_gauge_sarakhs', 'Sarakhs gauge change', A, M, D8, 'D', 'bogie exchange/transshipment 1520/1435 at Sarakhs (IR); no time source: triangular 6/24/72 h, the same assumption as d_gauge_incheburun')
s('c16_d_gauge_planned', 'Planned gauge-change stations', A, M, D8, 'D',
  'Makmal (CKU break of gauge, c16_railgazette2025_cku) and Astara (Rasht-Astara 1435 mm meeting the Azerbaijani 1520 mm, c16_mrud_rasht_astara): no time source, triangular 6/12/48 h as d_gauge_akhalkalaki (assumption); cost d_thc / d_bulk_handling')
s('c16_d_rail_tkm_uz', 'Uzbek rail bulk rate per t-km from CPMM', A, M, D8, 'D',
  '635 USD per 500 km per 20 t (c16_cpmm2022_uz, TFI3 2022) = 0.0635 USD/t-km; applied to Uzbek links and the UZ-origin border links (Bukhara-Farap, Termez-Hairatan). Containers keep d_rail_teu_rate (0.44 USD/TEU-km all-in) for comparability with the existing network')
s('c16_d_van_ferry_dwell', 'Lake Van ferry port dwell', A, M, D8, 'D',
  'wagons roll on and off; each new ferry takes one block train on 4 x 130 m tracks (c16_railturkey2018_van), so little shunting; no time source: triangular 2/6/24 h (assumption). No tariff found')
s('c16_d_wait_van', 'Lake Van ferry wait before departure', A, M, D8, 'D',
  '383 voyages in 2020, the peak year, with two ferries (c16_dailysabah2023_van) = ~190 per direction, one departure about every 46 h: triangular 0/12/48 h (mean 20 h, about half the headway)')
s('c16_d_wait_caspian_instc', 'Caspian Russia-Iran sailing wait', A, M, D8, 'D',
  'the Astara-Astrakhan container line loads 2 ships per week (c16_iranpress_caspian_line): headway ~84 h, mean wait ~42 h for uniform arrival; triangular 12/42/168 h (min 12 h booking and loading, max one week for a missed or cancelled sailing; assumption). Applied to all Russia-Iran Caspian links and the Kuryk ro-ro')

hdr = 'id,title,publisher,url,date,reliability,note'.split(',')
ex = {r['id'] for r in csv.DictReader(open('/work/main/data/eurasia/sources.csv', encoding='utf-8'))}
ids = [r['id'] for r in R]
assert len(ids) == len(set(ids)) and not (set(ids) & ex)
with open(os.path.join(OUT, 'sources.csv'), 'w', encoding='utf-8', newline='') as f:
    w = csv.DictWriter(f, fieldnames=hdr, lineterminator='\n'); w.writeheader(); w.writerows(R)
print(len(R), 'sources')
